package org.modux.kernel.module.impl;

import org.modux.kernel.impl.Taints;
import org.modux.kernel.printk.Printk;
import org.osgi.framework.Bundle;
import org.osgi.service.component.ComponentContext;

/**
 * How a bundle-scoped kernel service says that the bundle it served went without
 * giving back what it took: a warning that names the module and taints the kernel
 * {@code W}. The kernel core's own resources go silently at shutdown.
 */
public final class Leftovers {

    private final Printk log;
    private final String subsystem;
    private final Taints taints;
    private final String owner;
    private final boolean kernel;

    /** For the bundle that got {@code context}'s service; {@code subsystem} prefixes the messages. */
    public Leftovers(ComponentContext context, Printk printk, String subsystem, Taints taints) {
        Bundle user = context.getUsingBundle();
        this.log = printk.subsystem(subsystem);
        this.subsystem = subsystem;
        this.taints = taints;
        this.owner = ModuleName.of(user);
        this.kernel = ModuleName.isKernel(user);
    }

    /** The module's name. */
    public String owner() {
        return owner;
    }

    /** {@code "<subsystem>: <owner> left " + what}, a warning; nothing for the kernel core. */
    public void report(String what, Object... args) {
        if (!kernel) {
            taints.warn(log, subsystem + ": %s left " + what, prepend(owner, args));
        }
    }

    /**
     * {@code "<subsystem>: <owner> left N <thing>[s] <state>, <done>"} when {@code n}
     * is not 0: "timer: hello left 2 timers pending, deleted".
     */
    public void reportCount(int n, String thing, String stateAndDone) {
        if (n > 0) {
            report("%d %s%s %s", n, thing, n == 1 ? "" : "s", stateAndDone);
        }
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
