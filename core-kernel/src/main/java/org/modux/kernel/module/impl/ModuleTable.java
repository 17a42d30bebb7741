package org.modux.kernel.module.impl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The list of loaded modules (Linux: the {@code modules} list in
 * kernel/module/main.c). Lookups by name treat '-' and '_' alike, as Linux's do.
 * The map is guarded by this object's monitor, which is only ever held briefly and
 * never across a call into the framework: the lifecycle listener that updates it
 * runs on threads that may hold framework locks.
 */
final class ModuleTable {

    /** In load order; /proc/modules shows the newest first. */
    private final Map<String, KModule> byName = new LinkedHashMap<>();
    private final Map<Long, KModule> byBundle = new LinkedHashMap<>();

    /** Module names are kept with '_', as KBUILD_MODNAME makes them. */
    static String normalize(String name) {
        return name.replace('-', '_');
    }

    synchronized Optional<KModule> find(String name) {
        return Optional.ofNullable(byName.get(normalize(name)));
    }

    synchronized Optional<KModule> forBundle(Bundle bundle) {
        return Optional.ofNullable(byBundle.get(bundle.getBundleId()));
    }

    /** Adds {@code mod} unless a module of that name is there; returns whether it was added. */
    synchronized boolean add(KModule mod) {
        if (byName.containsKey(mod.name)) {
            return false;
        }
        byName.put(mod.name, mod);
        byBundle.put(mod.bundle.getBundleId(), mod);
        return true;
    }

    synchronized void remove(KModule mod) {
        byName.remove(mod.name, mod);
        byBundle.remove(mod.bundle.getBundleId(), mod);
    }

    /** Every loaded module, newest first. */
    synchronized List<KModule> list() {
        return new ArrayList<>(byName.values()).reversed();
    }

    /**
     * The modules using {@code mod}, newest first (Linux: {@code source_list}): those
     * wired to its packages and those holding one of its services.
     */
    List<KModule> holders(KModule mod) {
        List<Bundle> users = new ArrayList<>();
        BundleWiring wiring = mod.bundle.adapt(BundleWiring.class);
        if (wiring != null) {
            for (BundleWire wire : wiring.getProvidedWires(null)) {
                users.add(wire.getRequirer().getBundle());
            }
        }
        ServiceReference<?>[] registered = mod.bundle.getRegisteredServices();
        if (registered != null) {
            for (ServiceReference<?> ref : registered) {
                Bundle[] using = ref.getUsingBundles();
                if (using != null) {
                    users.addAll(List.of(using));
                }
            }
        }
        List<KModule> holders = new ArrayList<>();
        for (KModule other : list()) {
            if (other != mod && users.contains(other.bundle)) {
                holders.add(other);
            }
        }
        return holders;
    }
}
