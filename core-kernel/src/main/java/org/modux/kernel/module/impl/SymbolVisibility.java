package org.modux.kernel.module.impl;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.modux.kernel.module.ModuleHeaders;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleCapability;

/**
 * Who may see which symbol: the one home of the rules the framework hooks, the
 * load-time symbol check and /proc/kallsyms apply (Linux: kernel/module/main.c,
 * {@code resolve_symbol} refusing a GPL-only symbol to a non-GPL module, and a
 * module that is going away not being usable). A symbol is a service, or an
 * exported package, that carries {@code kernel.symbol.license=GPL}. The framework
 * itself (bundle 0) sees everything. Licences are read once per bundle.
 */
final class SymbolVisibility {

    private final ModuleTable table;
    private final Map<Long, Boolean> gplCompatible = new ConcurrentHashMap<>();

    SymbolVisibility(ModuleTable table) {
        this.table = table;
    }

    /** Whether {@code bundle}'s licence lets it use GPL-only symbols. */
    boolean isGplCompatible(Bundle bundle) {
        if (bundle.getBundleId() == Constants.SYSTEM_BUNDLE_ID) {
            return true;
        }
        if (bundle.getState() == Bundle.UNINSTALLED) {
            // Not remembered: forget() has run for it already.
            return Licenses.isGplCompatible(Licenses.of(Manifests.header(bundle, ModuleHeaders.LICENSE)));
        }
        return gplCompatible.computeIfAbsent(bundle.getBundleId(),
                id -> Licenses.isGplCompatible(Licenses.of(Manifests.header(bundle, ModuleHeaders.LICENSE))));
    }

    /** Drops what is remembered about a bundle that is gone. */
    void forget(Bundle bundle) {
        gplCompatible.remove(bundle.getBundleId());
    }

    static boolean isGplOnly(ServiceReference<?> ref) {
        return ModuleHeaders.GPL.equals(ref.getProperty(ModuleHeaders.SYMBOL_LICENSE));
    }

    static boolean isGplOnly(BundleCapability capability) {
        return ModuleHeaders.GPL.equals(capability.getAttributes().get(ModuleHeaders.SYMBOL_LICENSE));
    }

    /** Whether {@code user} may see the service {@code ref}: allowed to know of it, and its module not going. */
    boolean canSee(Bundle user, ServiceReference<?> ref) {
        Bundle owner = ref.getBundle();
        if (owner == null || owner.equals(user)) {
            return true;
        }
        return mayKnow(user, ref) && table.forBundle(owner).map(KModule::isLive).orElse(true);
    }

    /**
     * Whether {@code user} may know of the service {@code ref} at all: it is not a
     * GPL-only symbol hidden from a non-GPL bundle. A module that is going away
     * still tells those who may know of its services that they go.
     */
    boolean mayKnow(Bundle user, ServiceReference<?> ref) {
        return !isGplOnly(ref) || isGplCompatible(user) || user.equals(ref.getBundle());
    }

    /** Whether {@code user} may wire to the exported package {@code capability}. */
    boolean canWire(Bundle user, BundleCapability capability) {
        return !isGplOnly(capability) || isGplCompatible(user)
                || capability.getRevision().getBundle().equals(user);
    }
}
