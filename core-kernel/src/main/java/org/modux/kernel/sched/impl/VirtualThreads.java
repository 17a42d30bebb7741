package org.modux.kernel.sched.impl;

import java.lang.reflect.Constructor;
import java.util.concurrent.Executor;

/**
 * Virtual threads that run on an executor of the kernel's choosing, so that a CPU's
 * tasks take turns on that CPU's one carrier thread and a context switch is a
 * hand-off on the carrier rather than a host wake-up. The JDK has no public API for
 * this yet: the builder that takes a scheduler is package-private in java.lang
 * (JDK 21 to 25 alike), reached by reflection, which needs
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED} (bin/modux and the test JVMs
 * pass it). Kept in this one class, since the JDK will change it.
 */
final class VirtualThreads {

    static final String ADD_OPENS = "--add-opens java.base/java.lang=ALL-UNNAMED";

    private static final Constructor<?> BUILDER = builderConstructor();

    private VirtualThreads() {
    }

    private static Constructor<?> builderConstructor() {
        try {
            Constructor<?> c = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder")
                    .getDeclaredConstructor(Executor.class);
            c.setAccessible(true);
            return c;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Whether tasks can get virtual threads on the kernel's own executor in this JVM. */
    static boolean available() {
        return BUILDER != null;
    }

    /**
     * An unstarted virtual thread named {@code name} whose continuation runs on
     * {@code scheduler}.
     *
     * @throws IllegalStateException if the JVM does not let the kernel choose (the message says why)
     */
    static Thread unstarted(Executor scheduler, String name, Runnable body) {
        if (BUILDER == null) {
            throw new IllegalStateException("tasks need virtual threads on the kernel's CPUs: run the JVM with "
                    + ADD_OPENS);
        }
        try {
            Thread.Builder.OfVirtual builder = (Thread.Builder.OfVirtual) BUILDER.newInstance(scheduler);
            return builder.name(name).unstarted(body);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a virtual thread on a kernel CPU", e);
        }
    }
}
