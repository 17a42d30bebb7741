package org.modux.kernel.module.impl;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

/**
 * A work-around for a leak in Felix 7.0.5's service registry: when a bundle stops,
 * {@code ServiceRegistry.ungetServices(Bundle)} releases every service the bundle
 * used but leaves its usage records (count 0) in {@code m_inUseMap}, keyed by the
 * bundle; nothing removes them until the used service itself is unregistered. Every
 * module uses long-lived kernel services (printk, and ConfigurationAdmin through
 * SCR), so each unloaded module's {@code Bundle} and revision would stay reachable
 * forever, one per insmod/rmmod cycle. Once a module's bundle is uninstalled and
 * refreshed, this removes its records if, and only if, all of them are released.
 *
 * <p>It reaches into Felix's private fields, and does nothing on a framework that
 * lacks them, so it goes away harmlessly with a Felix that cleans up itself.
 */
final class FelixUsageRecords {

    private FelixUsageRecords() {
    }

    /** Drops {@code gone}'s released usage records; {@code gone} must be uninstalled. */
    static void forget(BundleContext context, Bundle gone) {
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
