package org.modux.kernel.locking.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.modux.kernel.locking.Rcu;
import org.modux.kernel.printk.Printk;
import org.modux.kernel.sched.Kthread;
import org.modux.kernel.sched.TaskState;
import org.modux.kernel.sched.WaitQueueHead;
import org.modux.kernel.sched.impl.KthreadCore;
import org.modux.kernel.sched.impl.SchedCore;
import org.modux.kernel.softirq.SoftirqVector;
import org.modux.kernel.softirq.impl.SoftirqCore;

/**
 * Tree RCU as a kernel without CONFIG_PREEMPT has it, on one level: a grace period
 * starts from each CPU's count of quiescent states (the scheduler counts context
 * switches and cond_resched with preemption enabled) and ends when every CPU has
 * passed one or is idle; the waiter checks again each tick. {@code call_rcu}'s
 * callbacks are batched by the {@code rcu_sched} kthread, which waits out a grace
 * period for each batch and raises RCU_SOFTIRQ, in which they run. An exception
 * that escapes a callback is an oops. Stall warnings are not modelled.
 */
final class RcuCore implements Rcu {

    private static final long TICK_NS = 4_000_000L;

    private final SchedCore core;
    private final SoftirqCore softirqs;
    private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Runnable> done = new ConcurrentLinkedQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong invoked = new AtomicLong();
    private final WaitQueueHead barrierWait;
    private final Kthread gp;
    private volatile boolean stopping;

    RcuCore(SchedCore core, SoftirqCore softirqs, KthreadCore kthreads, Printk log) {
        this.core = core;
        this.softirqs = softirqs;
        this.barrierWait = core.newWaitQueue();
        softirqs.openSoftirq(SoftirqVector.RCU, this::rcuCoreSi);
        this.gp = kthreads.run(this::rcuGpKthread, "rcu_sched");
    }

    void stop() {
        stopping = true;
        gp.stop();
        softirqs.openSoftirq(SoftirqVector.RCU, null);
    }

    @Override
    public void readLock() {
        core.preemptDisable();
    }

    @Override
    public void readUnlock() {
        core.preemptEnable();
    }

    @Override
    public void synchronize() {
        core.mightSleep();
        waitForGracePeriod(TaskState.UNINTERRUPTIBLE);
    }

    /** Waits a grace period, checking each tick, asleep in {@code state}. */
    private void waitForGracePeriod(TaskState state) {
        long[] snap = core.rcuQsSnapshot();
        while (!core.rcuGpDone(snap)) {
            if (core.currentOrNull() != null) {
                core.setCurrentState(state);
                core.scheduleTimeout(TICK_NS);
            } else {
                LockSupport.parkNanos(TICK_NS);
            }
        }
    }

    @Override
    public void call(Runnable callback) {
        queued.incrementAndGet();
        pending.add(callback);
        core.wakeUpProcess(gp.task());
    }

    @Override
    public void barrier() {
        core.mightSleep();
        long target = queued.get();
        barrierWait.waitEvent(() -> invoked.get() >= target);
    }

    /**
     * {@code rcu_gp_kthread}: a grace period for each batch of callbacks, then
     * RCU_SOFTIRQ runs them. It waits in TASK_IDLE (state I), which, unlike D, does
     * not count in the load average.
     */
    private int rcuGpKthread() {
        while (!stopping) {
            core.setCurrentState(TaskState.IDLE);
            if (!stopping && pending.isEmpty()) {
                core.schedule();
            }
            core.setCurrentState(TaskState.RUNNING);
            List<Runnable> batch = new ArrayList<>();
            for (Runnable r = pending.poll(); r != null; r = pending.poll()) {
                batch.add(r);
            }
            if (batch.isEmpty()) {
                continue;
            }
            waitForGracePeriod(TaskState.IDLE);
            done.addAll(batch);
            softirqs.raiseSoftirq(SoftirqVector.RCU);
        }
        return 0;
    }

    /** {@code rcu_core_si}: the callbacks whose grace period is over. */
    private void rcuCoreSi() {
        int n = 0;
        for (Runnable r = done.poll(); r != null; r = done.poll()) {
            try {
                r.run();
            } catch (Throwable t) {
                core.oops(t);
            }
            n++;
        }
        if (n > 0) {
            invoked.addAndGet(n);
            barrierWait.wakeUpAll();
        }
    }
}
