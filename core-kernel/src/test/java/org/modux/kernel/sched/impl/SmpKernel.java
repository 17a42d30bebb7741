package org.modux.kernel.sched.impl;

import org.modux.hw.Machine;
import org.modux.hw.impl.LapicTimers;
import org.modux.kernel.impl.Taints;
import org.modux.kernel.printk.RecordingPrintk;

/**
 * For tests of the subsystems built on the scheduler (softirqs, timers,
 * workqueues): a booted {@link SmpMachine} with its clock event devices, the
 * scheduler core and kthreadd, and a printk that records; {@link #close} powers it
 * down.
 */
public final class SmpKernel implements AutoCloseable {

    public final RecordingPrintk log = new RecordingPrintk();
    public final Taints taints = new Taints();
    public final Machine machine;
    public final LapicTimers clockEvents;
    public final SchedCore core;
    public final KthreadCore kthreads;

    public SmpKernel(int cpus) {
        machine = new SmpMachine(cpus);
        clockEvents = new LapicTimers(machine);
        core = new SchedCore(machine, clockEvents, log, taints);
        kthreads = new KthreadCore(core);
    }

    @Override
    public void close() {
        kthreads.deactivate();
        core.deactivate();
        clockEvents.shutdown();
    }
}
