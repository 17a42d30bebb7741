package org.modux.kernel.sched.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.modux.hw.Cpu;

/**
 * {@code struct rq}: one CPU's run queue, with each scheduling class's part of it,
 * the task running on the CPU and the idle task it falls back to.
 */
final class Rq {

    final int cpu;
    final Cpu hw;
    final Carrier carrier;
    final RawSpinlock lock = new RawSpinlock();
    /** The fair class's run queue. */
    final CfsRq cfs = new CfsRq();
    /** The real-time class's run queue. */
    final RtRq rt = new RtRq();
    volatile TaskStruct curr;
    TaskStruct idle;
    /** {@code nr_running}: runnable tasks of every class but idle, the running one included. */
    volatile int nrRunning;
    /** {@code nr_switches}. */
    volatile long nrSwitches;
    /** {@code TIF_NEED_RESCHED} of the running task. */
    volatile boolean needResched;
    /** {@code rq->clock_task}, ns since boot, updated under the lock. */
    long clock;
    /** The hard-interrupt part of the running task's {@code preempt_count}: nesting of interrupt handlers. */
    int hardirqCount;
    /** The softirq part of the running task's {@code preempt_count}, in SOFTIRQ_OFFSET units. */
    int softirqCount;
    /** CPU time in the kernel and idle ({@code kcpustat}), ns. */
    volatile long systemNs;
    volatile long idleNs;
    /** When the CPU went idle last. */
    volatile long idleSince;
    /** The preempt-disable part of the running task's {@code preempt_count} ({@code preempt_disable} nesting). */
    int preemptOff;
    /** The CPU's interrupt flag is clear ({@code local_irq_disable}): interrupts stay pending. */
    volatile boolean irqsOff;
    /** When the soft lockup watchdog last saw the CPU idle or its quiescent states move (its touch), clock ns. */
    volatile long touchTs;
    /** The quiescent-state count the watchdog saw then. */
    volatile long watchdogSeenQs;
    /** When the soft lockup watchdog last reported this CPU. */
    volatile long softlockupReportTs;
    /**
     * Quiescent states the CPU passed (context switches and cond_resched), for RCU's
     * grace periods and the soft lockup watchdog. Only the CPU's own code counts, with
     * an opaque write (no fence on the hot path); others read it opaquely.
     */
    private long rcuQs;
    private static final VarHandle RCU_QS;

    static {
        try {
            RCU_QS = MethodHandles.lookup().findVarHandle(Rq.class, "rcuQs", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A quiescent state, counted by the CPU's running task. */
    void quiescentState() {
        RCU_QS.setOpaque(this, rcuQs + 1);
    }

    /** The count of quiescent states, from any thread. */
    long rcuQs() {
        return (long) RCU_QS.getOpaque(this);
    }
    /** {@code rq->stop}: the CPU's stopper task, migration/N, once it exists. */
    TaskStruct stop;
    /** Whether the stopper is runnable (the stop class's whole run queue). */
    boolean stopQueued;
    /** {@code rq->active_balance}: an active balance of this CPU is under way. */
    volatile boolean activeBalance;
    /** {@code rq->next_balance}: when the periodic load balance is next due, machine clock ns. */
    volatile long nextBalance;
    /** {@code NOHZ_BALANCE_KICK}: a busy CPU asked this idle one to pull. */
    volatile boolean nohzBalanceKick;
    /** Vectors taken, by vector ({@code kstat_irqs} of the CPU). */
    final long[] vectorCounts = new long[Cpu.NR_VECTORS];

    Rq(int cpu, Cpu hw, Carrier carrier) {
        this.cpu = cpu;
        this.hw = hw;
        this.carrier = carrier;
    }

    @Override
    public String toString() {
        return "rq" + cpu;
    }
}
