package org.modux.kernel.sched.impl;

import org.modux.hw.impl.LapicTimers;
import org.modux.kernel.impl.Taints;
import org.modux.kernel.printk.Printk;

/**
 * A running execution core for tests of other subsystems: an {@link SmpMachine}, its
 * local APIC timers, the scheduler and kthreadd, wired as SCR wires them and taken
 * down in reverse by {@link #close}.
 */
public final class SchedFixture implements AutoCloseable {

    public final SmpMachine machine;
    public final LapicTimers timers;
    public final SchedCore core;
    public final KthreadCore kthreads;

    public SchedFixture(int cpus, Printk log, Taints taints) {
        machine = new SmpMachine(cpus);
        timers = new LapicTimers(machine);
        core = new SchedCore(machine, timers, log, taints);
        kthreads = new KthreadCore(core);
    }

    @Override
    public void close() {
        kthreads.deactivate();
        core.deactivate();
        timers.shutdown();
    }
}
