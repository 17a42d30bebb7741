package org.modux.kernel.module.impl;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;

/**
 * Work-arounds for two places where Apache Felix keeps an uninstalled bundle
 * reachable for ever, which would leak one module's {@code Bundle} and revision per
 * insmod/rmmod cycle. Both reach into private fields and do nothing on versions
 * that lack them, so they go away harmlessly with a Felix that cleans up itself.
 *
 * <p>Felix framework 7.0.5's service registry: when a bundle stops,
 * {@code ServiceRegistry.ungetServices(Bundle)} releases every service the bundle
 * used but leaves its usage records (count 0) in {@code m_inUseMap}, keyed by the
 * bundle; nothing removes them until the used service itself is unregistered. Every
 * module uses long-lived kernel services (printk, and ConfigurationAdmin through
 * SCR), so each unloaded module's {@code Bundle} and revision would stay reachable
 * forever, one per insmod/rmmod cycle. Once a module's bundle is uninstalled and
 * refreshed, this removes its records if, and only if, all of them are released.
 *
 *
 * <p>Felix Metatype 1.2.4 keeps each bundle's localization resources in a static
 * map ({@code BundleResources.resourcesByBundle}, keyed by bundle id) that it
 * clears only if asked again about a bundle that is gone; the loader asks once
 * per module, at load.
 */
final class FelixLeaks {

    private static final String METATYPE_CACHE = "org.apache.felix.metatype.internal.l10n.BundleResources";

    private FelixLeaks() {
    }

    /** Everything Felix keeps of {@code gone}, which must be uninstalled and refreshed. */
    static void forget(BundleContext context, Bundle gone, Object metatype) {
        forgetUsages(context, gone);
        forgetMetatypeResources(metatype, gone);
    }

    /** Drops {@code gone}'s released usage records. */
    private static void forgetUsages(BundleContext context, Bundle gone) {
        if (gone.getState() != Bundle.UNINSTALLED) {
            return;
        }
        try {
            Object framework = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
            Object registry = field(framework.getClass(), "m_registry").get(framework);
            Map<?, ?> inUse = (Map<?, ?>) field(registry.getClass(), "m_inUseMap").get(registry);
            Object usages = inUse.get(gone);
            if (usages == null) {
                return;
            }
            for (int i = 0; i < Array.getLength(usages); i++) {
                Object usage = Array.get(usages, i);
                if (((AtomicLong) field(usage.getClass(), "m_count").get(usage)).get() != 0) {
                    return;
                }
            }
            inUse.remove(gone, usages);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Not Felix 7's registry: nothing to work around.
        }
    }

    /** Drops Felix Metatype's cached localization of {@code gone}. */
    private static void forgetMetatypeResources(Object metatype, Bundle gone) {
        try {
            Bundle owner = FrameworkUtil.getBundle(metatype.getClass());
            Class<?> cache = owner == null ? null : owner.loadClass(METATYPE_CACHE);
            Map<?, ?> byBundle = cache == null ? null : (Map<?, ?>) field(cache, "resourcesByBundle").get(null);
            if (byBundle != null) {
                byBundle.remove(gone.getBundleId());
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Not Felix Metatype 1.2's cache: nothing to work around.
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // Look in the superclass.
            }
        }
        throw new NoSuchFieldException(name);
    }
}
