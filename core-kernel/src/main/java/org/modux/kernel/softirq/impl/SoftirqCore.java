package org.modux.kernel.softirq.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

import org.modux.kernel.percpu.PerCpuLong;
import org.modux.kernel.percpu.impl.PerCpuCore;
import org.modux.kernel.printk.Printk;
import org.modux.kernel.sched.Kthread;
import org.modux.kernel.sched.TaskState;
import org.modux.kernel.sched.WaitQueueHead;
import org.modux.kernel.sched.impl.KthreadCore;
import org.modux.kernel.sched.impl.SchedCore;
import org.modux.kernel.softirq.SoftirqVector;
import org.modux.kernel.softirq.Softirqs;
import org.modux.kernel.softirq.Tasklet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Softirqs (Linux: kernel/softirq.c): per-CPU pending bits, {@code handle_softirqs}
 * run at the exit of the outermost hard interrupt ({@code irq_exit}, through the
 * scheduler's CPU hooks) and by {@code ksoftirqd/N}, and the tasklets of the HI and
 * TASKLET vectors. The timer wheel lives in org.modux.kernel.time.impl.TimerCore and
 * gets the tick through {@link #setTimerHooks}.
 *
 * <p>A CPU's pending word is written by any thread (atomically, bit by bit) and
 * cleared only by that CPU; its counts are written only by that CPU. The softirq part
 * of the preempt count is the scheduler's ({@link SchedCore#softirqCountAdd}), so a
 * sleep in a handler is "scheduling while atomic".
 */
@Component(service = SoftirqCore.class, immediate = true)
public final class SoftirqCore implements Softirqs, SchedCore.CpuHooks {

    /** {@code MAX_SOFTIRQ_TIME}: how long one run at interrupt exit may restart, ns. */
    static final long MAX_SOFTIRQ_TIME_NS = 2_000_000L;
    /** {@code MAX_SOFTIRQ_RESTART}: how many passes one run makes at most. */
    static final int MAX_SOFTIRQ_RESTART = 10;
    private static final int NR = SoftirqVector.NR_SOFTIRQS;
    private static final SoftirqVector[] VECTORS = SoftirqVector.values();
    /** Ints between two CPUs' pending words, so that they sit in different cache lines. */
    private static final int PAD = 16;
    private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);

    private final SchedCore core;
    private final KthreadCore kthreads;
    private final Printk log;
    private final int nrCpus;
    /** {@code irq_stat[cpu].__softirq_pending}, at {@code cpu * PAD}. */
    private final int[] pending;
    /** {@code kstat.softirqs}: per vector, a per-CPU count. */
    private final PerCpuLong[] kstat = new PerCpuLong[NR];
    /** {@code softirq_vec}. */
    private final Runnable[] softirqVec = new Runnable[NR];
    private final TaskletVec[] taskletVec;
    private final TaskletVec[] taskletHiVec;
    /** Where tasklet_disable and tasklet_kill wait for a tasklet's state to change ({@code wait_var_event}). */
    private final WaitQueueHead taskletWait;
    private final Kthread[] ksoftirqd;
    private volatile TimerHooks timerHooks;

    @Activate
    public SoftirqCore(@Reference SchedCore core, @Reference KthreadCore kthreads, @Reference Printk printk) {
        this.core = core;
        this.kthreads = kthreads;
        this.log = printk;
        this.nrCpus = core.onlineCpus();
        this.pending = new int[nrCpus * PAD];
        PerCpuCore percpu = new PerCpuCore(core);
        for (int nr = 0; nr < NR; nr++) {
            kstat[nr] = percpu.allocLong();
        }
        this.taskletVec = new TaskletVec[nrCpus];
        this.taskletHiVec = new TaskletVec[nrCpus];
        for (int cpu = 0; cpu < nrCpus; cpu++) {
            taskletVec[cpu] = new TaskletVec();
            taskletHiVec[cpu] = new TaskletVec();
        }
        this.taskletWait = core.newWaitQueue();
        openSoftirq(SoftirqVector.TASKLET, () -> taskletActionCommon(taskletVec, SoftirqVector.TASKLET));
        openSoftirq(SoftirqVector.HI, () -> taskletActionCommon(taskletHiVec, SoftirqVector.HI));
        openSoftirq(SoftirqVector.SCHED, core::runRebalanceDomains);
        this.ksoftirqd = new Kthread[nrCpus];
        for (int cpu = 0; cpu < nrCpus; cpu++) {
            int c = cpu;
            ksoftirqd[cpu] = kthreads.createOnCpu(() -> runKsoftirqd(c), cpu, "ksoftirqd/" + cpu);
        }
        core.setCpuHooks(this);
        for (Kthread k : ksoftirqd) {
            k.wakeUp();
        }
    }

    @Deactivate
    public void deactivate() {
        core.setCpuHooks(null);
        openSoftirq(SoftirqVector.SCHED, null);
        for (Kthread k : ksoftirqd) {
            k.stop();
        }
    }

    /** Connects the timer wheel to the tick; null disconnects it. */
    public void setTimerHooks(TimerHooks hooks) {
        this.timerHooks = hooks;
    }

    // ---- pending bits -------------------------------------------------------------

    private int localSoftirqPending(int cpu) {
        return (int) INTS.getVolatile(pending, cpu * PAD);
    }

    /** {@code or_softirq_pending}. */
    private void orSoftirqPending(int cpu, int nr) {
        INTS.getAndBitwiseOr(pending, cpu * PAD, 1 << nr);
    }

    /** {@code set_softirq_pending(0)}, returning what was pending. */
    private int takeSoftirqPending(int cpu) {
        return (int) INTS.getAndSet(pending, cpu * PAD, 0);
    }

    /** The CPU a raise from the calling thread goes to: its own, or CPU 0 for a thread that is no CPU's. */
    private int raiseCpu() {
        int cpu = core.smpProcessorId();
        return cpu < 0 ? 0 : cpu;
    }

    // ---- raising and running --------------------------------------------------------

    @Override
    public void openSoftirq(SoftirqVector nr, Runnable action) {
        softirqVec[nr.nr()] = action;
    }

    @Override
    public void raiseSoftirq(SoftirqVector nr) {
        raiseSoftirq(nr.nr());
    }

    /**
     * {@code raise_softirq_irqoff}: in interrupt context the bit is enough (the
     * interrupt exit or the running handler loop sees it); in task context, or from
     * outside the CPUs, ksoftirqd is woken to run it.
     */
    private void raiseSoftirq(int nr) {
        int cpu = core.smpProcessorId();
        if (cpu < 0) {
            orSoftirqPending(0, nr);
            wakeupSoftirqd(0);
            return;
        }
        orSoftirqPending(cpu, nr);
        if (core.preemptCount() == 0) {
            wakeupSoftirqd(cpu);
        }
    }

    private void wakeupSoftirqd(int cpu) {
        Kthread k = ksoftirqd == null ? null : ksoftirqd[cpu];
        if (k != null) {
            core.wakeUpProcess(k.task());
        }
    }

    /**
     * {@code irq_exit}'s {@code invoke_softirq}: after the outermost hard interrupt,
     * unless the CPU is in a softirq already (a handler took an interrupt at one of
     * its interrupt windows) or has them disabled.
     */
    @Override
    public void irqExit(int cpu) {
        if (core.preemptCount() == 0 && localSoftirqPending(cpu) != 0) {
            handleSoftirqs(cpu);
        }
    }

    /**
     * The tick's softirq work: timers, and SCHED_SOFTIRQ when the CPU's load balance
     * is due ({@code trigger_load_balance}).
     */
    @Override
    public void tick(int cpu) {
        if (core.rebalanceDue(cpu)) {
            raiseSoftirq(SoftirqVector.SCHED);
        }
        TimerHooks hooks = timerHooks;
        if (hooks != null) {
            hooks.runLocalTimers(cpu);
        }
    }

    @Override
    public long nextTimerInterrupt(int cpu) {
        TimerHooks hooks = timerHooks;
        return hooks == null ? Long.MAX_VALUE : hooks.nextTimerInterrupt(cpu);
    }

    /**
     * {@code handle_softirqs}: runs the pending vectors in order, lowest first, each
     * counted; vectors raised meanwhile make it start again, at most
     * {@link #MAX_SOFTIRQ_RESTART} passes within {@link #MAX_SOFTIRQ_TIME_NS} and
     * while nothing wants the CPU; what is still pending then is left to ksoftirqd.
     */
    private void handleSoftirqs(int cpu) {
        long end = System.nanoTime() + MAX_SOFTIRQ_TIME_NS;
        int maxRestart = MAX_SOFTIRQ_RESTART;
        core.softirqCountAdd(SchedCore.SOFTIRQ_OFFSET);
        try {
            int todo = takeSoftirqPending(cpu);
            while (true) {
                while (todo != 0) {
                    int nr = Integer.numberOfTrailingZeros(todo);
                    todo &= todo - 1;
                    kstat[nr].thisCpuInc();
                    Runnable action = softirqVec[nr];
                    if (action != null) {
                        runGuarded(action);
                    }
                }
                if (localSoftirqPending(cpu) == 0) {
                    return;
                }
                if (System.nanoTime() - end < 0 && !core.needResched() && --maxRestart > 0) {
                    todo = takeSoftirqPending(cpu);
                    continue;
                }
                wakeupSoftirqd(cpu);
                return;
            }
        } finally {
            core.softirqCountAdd(-SchedCore.SOFTIRQ_OFFSET);
        }
    }

    /** Runs handler code; an exception that escapes it is an oops, and the softirq goes on. */
    private void runGuarded(Runnable action) {
        try {
            action.run();
        } catch (Throwable t) {
            core.oops(t);
        }
    }

    /** {@code run_ksoftirqd} in its smpboot loop: sleeps until softirqs are pending on its CPU. */
    private int runKsoftirqd(int cpu) {
        while (!kthreads.shouldStop()) {
            core.setCurrentState(TaskState.INTERRUPTIBLE);
            if (localSoftirqPending(cpu) == 0 && !kthreads.shouldStop()) {
                core.schedule();
            }
            core.setCurrentState(TaskState.RUNNING);
            if (localSoftirqPending(cpu) != 0) {
                handleSoftirqs(cpu);
            }
            core.condResched();
        }
        return 0;
    }

    // ---- context --------------------------------------------------------------------

    @Override
    public boolean inSoftirq() {
        return (core.preemptCount() & (SchedCore.HARDIRQ_OFFSET - SchedCore.SOFTIRQ_OFFSET)) != 0;
    }

    @Override
    public boolean inServingSoftirq() {
        return (core.preemptCount() & SchedCore.SOFTIRQ_OFFSET) != 0;
    }

    @Override
    public boolean inInterrupt() {
        return core.preemptCount() != 0;
    }

    @Override
    public void localBhDisable() {
        if (core.smpProcessorId() >= 0) {
            core.softirqCountAdd(SchedCore.SOFTIRQ_DISABLE_OFFSET);
        }
    }

    /** {@code __local_bh_enable_ip}: the softirqs raised while disabled run now, on this task. */
    @Override
    public void localBhEnable() {
        int cpu = core.smpProcessorId();
        if (cpu < 0) {
            return;
        }
        core.softirqCountAdd(-SchedCore.SOFTIRQ_DISABLE_OFFSET);
        if (core.preemptCount() == 0 && localSoftirqPending(cpu) != 0) {
            handleSoftirqs(cpu);
        }
    }

    @Override
    public long softirqCount(SoftirqVector nr, int cpu) {
        return kstat[nr.nr()].perCpu(cpu);
    }

    /** The number of CPUs, for /proc/softirqs ({@code for_each_possible_cpu}). */
    int nrCpus() {
        return nrCpus;
    }

    // ---- tasklets -------------------------------------------------------------------

    @Override
    public Tasklet taskletSetup(Consumer<Tasklet> callback) {
        return new TaskletImpl(callback);
    }

    @Override
    public void taskletSchedule(Tasklet t) {
        taskletScheduleCommon((TaskletImpl) t, taskletVec, SoftirqVector.TASKLET);
    }

    @Override
    public void taskletHiSchedule(Tasklet t) {
        taskletScheduleCommon((TaskletImpl) t, taskletHiVec, SoftirqVector.HI);
    }

    /** {@code __tasklet_schedule_common}: queued on the raising CPU's list once per SCHED. */
    private void taskletScheduleCommon(TaskletImpl t, TaskletVec[] vec, SoftirqVector nr) {
        if (t.testAndSetSched()) {
            return;
        }
        vec[raiseCpu()].add(t);
        raiseSoftirq(nr.nr());
    }

    /**
     * {@code tasklet_action_common}: runs each queued tasklet whose RUN lock it gets
     * and that is enabled, clearing SCHED first (so a schedule during the run runs it
     * again); one that runs elsewhere or is disabled goes back on the list and the
     * softirq is raised again.
     */
    private void taskletActionCommon(TaskletVec[] vecs, SoftirqVector nr) {
        int cpu = core.smpProcessorId();
        TaskletVec vec = vecs[cpu];
        TaskletImpl list = vec.takeAll();
        while (list != null) {
            TaskletImpl t = list;
            list = t.next;
            t.next = null;
            if (t.trylock()) {
                if (t.count.get() == 0) {
                    if (taskletClearSched(t)) {
                        try {
                            t.callback.accept(t);
                        } catch (Throwable e) {
                            core.oops(e);
                        }
                    }
                    taskletUnlock(t);
                    continue;
                }
                taskletUnlock(t);
            }
            vec.add(t);
            orSoftirqPending(cpu, nr.nr());
        }
    }

    /** {@code tasklet_clear_sched}: false, with Linux's warning, if SCHED was not set. */
    private boolean taskletClearSched(TaskletImpl t) {
        if (t.testAndClearSched()) {
            taskletWait.wakeUpAll();
            return true;
        }
        log.prWarn("tasklet SCHED state not set: %s", t.callback);
        return false;
    }

    private void taskletUnlock(TaskletImpl t) {
        t.unlock();
        taskletWait.wakeUpAll();
    }

    @Override
    public void taskletDisableNosync(Tasklet t) {
        ((TaskletImpl) t).count.incrementAndGet();
    }

    @Override
    public void taskletDisable(Tasklet t) {
        taskletDisableNosync(t);
        taskletUnlockWait((TaskletImpl) t);
    }

    @Override
    public void taskletEnable(Tasklet t) {
        ((TaskletImpl) t).count.decrementAndGet();
    }

    /** {@code tasklet_unlock_wait}: sleeps until {@code t} does not run. */
    private void taskletUnlockWait(TaskletImpl t) {
        taskletWait.waitEvent(() -> !t.isRunning());
    }

    @Override
    public void taskletKill(Tasklet tasklet) {
        TaskletImpl t = (TaskletImpl) tasklet;
        if (inInterrupt()) {
            log.prNotice("Attempt to kill tasklet from interrupt");
        }
        while (t.testAndSetSched()) {
            taskletWait.waitEvent(() -> !t.isScheduled());
        }
        taskletUnlockWait(t);
        taskletClearSched(t);
    }
}
