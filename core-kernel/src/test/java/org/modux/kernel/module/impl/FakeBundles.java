package org.modux.kernel.module.impl;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Bundles and modules for tests of the loader's bookkeeping, without a framework:
 * a module bundle answers its id, names and headers, has no wiring, and registers
 * one service that the modules said to use it hold.
 */
final class FakeBundles {

    private final List<Bundle> bundles = new ArrayList<>();
    private final List<List<Bundle>> users = new ArrayList<>();

    /** A module bundle {@code org.modux.modules.NAME}, with Module-Name NAME and {@code Bundle-License}. */
    Bundle bundle(String name, String license) {
        long id = 10 + bundles.size();
        List<Bundle> using = new ArrayList<>();
        Hashtable<String, String> headers = new Hashtable<>();
        headers.put("Module-Name", name);
        if (license != null) {
            headers.put("Bundle-License", license);
        }
        ServiceReference<?> service = (ServiceReference<?>) Proxy.newProxyInstance(
                ServiceReference.class.getClassLoader(), new Class<?>[] {ServiceReference.class},
                (self, method, args) -> switch (method.getName()) {
                    case "getUsingBundles" -> using.isEmpty() ? null : using.toArray(Bundle[]::new);
                    default -> identity(self, method.getName(), args);
                });
        Bundle bundle = (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (self, method, args) -> switch (method.getName()) {
                    case "getBundleId" -> id;
                    case "getSymbolicName" -> "org.modux.modules." + name;
                    case "getLocation" -> "/lib/modules/" + name + ".jar";
                    case "getHeaders" -> headers;
                    case "adapt" -> null;
                    case "getState" -> Bundle.ACTIVE;
                    case "getRegisteredServices" -> new ServiceReference<?>[] {service};
                    default -> identity(self, method.getName(), args);
                });
        bundles.add(bundle);
        users.add(using);
        return bundle;
    }

    /** Makes {@code user}'s bundle hold the service of {@code provider}'s bundle, as a module using its symbol does. */
    void uses(KModule user, KModule provider) {
        users.get(bundles.indexOf(provider.bundle)).addFirst(user.bundle);
    }

    /** A module of {@code size} bytes at {@code base}, loading (state COMING), not yet in {@code table}. */
    KModule module(ModuleTable table, String name, long size, long base) {
        return new KModule(table, name, bundle(name, "GPL"), "GPL", size, base,
                new LoadRequest("/lib/modules/" + name + ".jar", ModuleParams.NONE, false));
    }

    /** The kernel core's context, as ModuleCore gets it: the system bundle has no FrameworkWiring here. */
    static BundleContext kernelContext() {
        Bundle system = (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (self, method, args) -> switch (method.getName()) {
                    case "adapt" -> null;
                    default -> identity(self, method.getName(), args);
                });
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (self, method, args) -> switch (method.getName()) {
                    case "getBundle" -> system;
                    default -> identity(self, method.getName(), args);
                });
    }

    /** equals, hashCode and toString by identity; anything else is not expected of a fake. */
    private static Object identity(Object self, String method, Object[] args) {
        return switch (method) {
            case "equals" -> self == args[0];
            case "hashCode" -> System.identityHashCode(self);
            case "toString" -> "fake@" + Integer.toHexString(System.identityHashCode(self));
            default -> throw new UnsupportedOperationException(method);
        };
    }
}
