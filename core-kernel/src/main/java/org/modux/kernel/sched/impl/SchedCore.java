package org.modux.kernel.sched.impl;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

import org.modux.hw.ClockEventDevice;
import org.modux.hw.ClockEvents;
import org.modux.hw.ClockSource;
import org.modux.hw.Cpu;
import org.modux.hw.Machine;
import org.modux.fs.proc.SeqFile;
import org.modux.kernel.Taint;
import org.modux.kernel.impl.Taints;
import org.modux.kernel.printk.Printk;
import org.modux.kernel.sched.Completion;
import org.modux.kernel.sched.SchedPolicy;
import org.modux.kernel.sched.Scheduler;
import org.modux.kernel.sched.Task;
import org.modux.kernel.sched.TaskState;
import org.modux.kernel.sched.WaitQueueHead;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The scheduler's core (Linux: kernel/sched/core.c, {@code sched_init} and
 * {@code __schedule}). Each CPU of the machine gets a run queue, a carrier thread
 * ({@link Carrier}) and an idle task, {@code swapper/N}. A task runs only while it
 * is the {@code curr} of a run queue: {@link #schedule} picks the next task under
 * the run queue's lock, makes it current, lets its thread go and parks the previous
 * one's, so a context switch is a hand-off between two virtual threads on the CPU's
 * carrier. A task woken on another CPU, or a wake-up from outside the CPUs, reaches
 * a halted CPU as a reschedule IPI.
 */
@Component(service = {Scheduler.class, SchedCore.class}, immediate = true)
public final class SchedCore implements Scheduler {

    /** {@code CONFIG_HZ}: timer ticks per second. */
    static final int HZ = 250;
    /** {@code TICK_NSEC}. */
    static final long TICK_NSEC = 1_000_000_000L / HZ;

    private final Printk log;
    private final ClockEvents clockEvents;
    private final Taints taints;
    private final ClockSource clock;
    private final TaskExecutor executor = new TaskExecutor();
    private final Rq[] rqs;
    private final Carrier[] carriers;
    private final SchedClass stopClass = new StopSchedClass();
    private final SchedClass rtClass = new RtSchedClass(this);
    private final SchedClass fairClass = new FairSchedClass(this);
    private final SchedClass idleClass = new IdleSchedClass();
    /** The classes in the order {@code pick_next_task} asks them. */
    private final SchedClass[] classes = {stopClass, rtClass, fairClass, idleClass};
    private final Map<Integer, TaskStruct> tasks = new ConcurrentSkipListMap<>();
    private final List<TaskStruct> idleTasks = new ArrayList<>();
    private final ThreadLocal<TaskStruct> current = new ThreadLocal<>();
    private final Pids pids = new Pids();
    private final BitSet online = new BitSet();
    private final LoadBalance balance;
    private volatile boolean halting;
    private volatile long totalForks;
    private final ScheduledThreadPoolExecutor hrtimer = new ScheduledThreadPoolExecutor(1,
            r -> Thread.ofPlatform().daemon().name("hrtimer").unstarted(r));

    @Activate
    public SchedCore(@Reference Machine machine, @Reference ClockEvents clockEvents, @Reference Printk printk,
            @Reference Taints taints) {
        this.log = printk;
        this.clockEvents = clockEvents;
        this.taints = taints;
        this.clock = machine.clock();
        int n = machine.cpus();
        rqs = new Rq[n];
        carriers = new Carrier[n];
        for (int cpu = 0; cpu < n; cpu++) {
            carriers[cpu] = new Carrier(cpu, executor);
            rqs[cpu] = new Rq(cpu, machine.cpu(cpu), carriers[cpu]);
            online.set(cpu);
        }
        executor.setCarriers(carriers);
        balance = new LoadBalance(this, rqs, online, fairClass);
        for (Rq rq : rqs) {
            BitSet only = new BitSet();
            only.set(rq.cpu);
            TaskStruct idle = new TaskStruct(0, "swapper/" + rq.cpu, null, true, 0, only, rq.cpu);
            idle.schedClass = idleClass;
            idle.thread = VirtualThreads.unstarted(executor, idle.comm, () -> idleEntry(rq, idle));
            idle.onCpu = true;
            idle.started = true;
            rq.idle = idle;
            rq.curr = idle;
            idleTasks.add(idle);
        }
        for (Carrier c : carriers) {
            c.start();
        }
        for (TaskStruct idle : idleTasks) {
            executor.start(idle);
        }
        for (Rq rq : rqs) {
            rq.cfs.setBaseSlice(CfsRq.defaultBaseSlice(n));
            rq.cfs.setTickNsec(TICK_NSEC);
        }
        hrtimer.scheduleAtFixedRate(this::watchdogCheck, 500, 500, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        halting = true;
        for (Rq rq : rqs) {
            clockEvents.device(rq.cpu).setStateShutdown();
        }
        for (Rq rq : rqs) {
            rq.hw.raise(Cpu.RESCHEDULE_VECTOR);
        }
        for (TaskStruct idle : idleTasks) {
            try {
                idle.thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Carrier c : carriers) {
            c.stop();
        }
        hrtimer.shutdownNow();
    }

    // ---- tasks ------------------------------------------------------------------

    /**
     * {@code copy_process} + {@code wake_up_new_task} without the wake: a new task
     * whose thread runs {@code fn} once it is first scheduled, asleep in
     * {@code state} until woken (a new kthread waits in TASK_UNINTERRUPTIBLE).
     */
    TaskStruct createTask(String comm, TaskStruct parent, boolean kthread, IntSupplier fn, BitSet cpus) {
        BitSet allowed = cpus == null ? (BitSet) online.clone() : cpus;
        int cpu = allowed.nextSetBit(0);
        TaskStruct p = new TaskStruct(pids.alloc(), comm, parent, kthread, clock.readNanos(), allowed, cpu);
        totalForks++;
        p.schedClass = fairClass;
        p.state = TaskState.UNINTERRUPTIBLE;
        p.thread = VirtualThreads.unstarted(executor, comm, () -> taskEntry(p, fn));
        tasks.put(p.pid, p);
        if (parent != null) {
            parent.children.add(p);
        }
        return p;
    }

    /** A task with a pid chosen by the caller (kthreadd is 2). */
    TaskStruct createTask(int pid, String comm, IntSupplier fn) {
        pids.reserve(pid);
        TaskStruct p = new TaskStruct(pid, comm, null, true, clock.readNanos(), (BitSet) online.clone(), 0);
        p.schedClass = fairClass;
        p.state = TaskState.UNINTERRUPTIBLE;
        p.thread = VirtualThreads.unstarted(executor, comm, () -> taskEntry(p, fn));
        tasks.put(p.pid, p);
        return p;
    }

    private void taskEntry(TaskStruct p, IntSupplier fn) {
        current.set(p);
        waitForCpu(p);
        int code;
        try {
            code = fn.getAsInt();
        } catch (Throwable t) {
            oops(p, t);
            code = -Errno.EFAULT.number();
        }
        doExit(p, code);
    }

    /**
     * An exception escaped kernel code run by the calling task in interrupt context
     * (a softirq handler, a tasklet, a timer callback) or by a work item: the same
     * oops report and taint D; the caller goes on.
     */
    public void oops(Throwable t) {
        oops(current.get(), t);
    }

    /** An exception escaped a task: Linux's oops report, taint D, and the task ends. */
    void oops(TaskStruct p, Throwable t) {
        taints.add(Taint.DIE);
        String tainted = taintString();
        log.prEmerg("Oops: %s [#1] SMP", t);
        if (p == null) {
            log.prEmerg("CPU: - UID: 0 PID: - Comm: %s Tainted: %s", Thread.currentThread().getName(), tainted);
        } else {
            log.prEmerg("CPU: %d UID: 0 PID: %d Comm: %s Tainted: %s", p.cpu, p.pid, p.comm, tainted);
        }
        log.prEmerg("Call Trace:");
        for (StackTraceElement e : t.getStackTrace()) {
            log.prEmerg(" %s", e);
        }
        log.prEmerg("---[ end trace ]---");
    }

    /** {@code do_exit}: the task leaves its run queue and the CPU for good; its thread ends. */
    private void doExit(TaskStruct p, int code) {
        Rq here = rqs[p.cpu];
        if (here.irqsOff) {
            log.prInfo("note: %s[%d] exited with irqs disabled", p.comm, p.pid);
            here.irqsOff = false;
        }
        if (preemptCount(here) != 0) {
            log.prInfo("note: %s[%d] exited with preempt_count %d", p.comm, p.pid, preemptCount(here));
            here.preemptOff = 0;
            here.softirqCount = 0;
        }
        HeldLocks locks = heldLocks;
        if (locks != null) {
            locks.exit(p);
        }
        p.exitCode = code;
        KthreadImpl k = p.kthreadControl;
        Rq rq = rqs[p.cpu];
        rq.lock.lock();
        updateRqClock(rq);
        p.state = TaskState.DEAD;
        deactivateTask(rq, p, SchedClass.DEQUEUE_SLEEP);
        p.nvcsw++;
        TaskStruct next = pickNextTask(rq, p);
        rq.needResched = false;
        rq.curr = next;
        rq.nrSwitches++;
        p.onCpu = false;
        next.onCpu = true;
        rq.lock.unlock();
        tasks.remove(p.pid);
        if (p.parent != null) {
            p.parent.children.remove(p);
        }
        pids.free(p.pid);
        executor.forget(p);
        if (k != null) {
            k.exited.complete();
        }
        resume(next);
    }

    // ---- schedule() ---------------------------------------------------------------

    @Override
    public Optional<Task> current() {
        return Optional.ofNullable(current.get());
    }

    TaskStruct currentTask() {
        return current.get();
    }

    @Override
    public void setCurrentState(TaskState state) {
        TaskStruct p = current.get();
        if (p != null) {
            p.state = state;
        }
    }

    @Override
    public void schedule() {
        TaskStruct prev = current.get();
        if (prev == null) {
            throw new IllegalStateException("schedule() outside a task, on " + Thread.currentThread().getName());
        }
        Rq rq = rqs[prev.cpu];
        if (rq.hardirqCount > 0 || (rq.softirqCount & SOFTIRQ_OFFSET) != 0) {
            schedulingWhileAtomic(prev, preemptCount(rq));
            return;
        }
        if (rq.preemptOff > 0 || rq.softirqCount > 0) {
            // schedule_debug: reported, then preempt_count_set(PREEMPT_DISABLED), and the task sleeps.
            schedulingWhileAtomic(prev, preemptCount(rq));
            rq.preemptOff = 0;
            rq.softirqCount = 0;
        }
        if (rq.irqsOff) {
            rq.irqsOff = false;
        }
        handleInterrupts(rq);
        rq.lock.lock();
        updateRqClock(rq);
        rq.quiescentState();
        boolean voluntary = prev.state != TaskState.RUNNING;
        if (voluntary && prev.onRq) {
            deactivateTask(rq, prev, SchedClass.DEQUEUE_SLEEP);
        }
        // A runnable task whose affinity no longer has this CPU leaves it now, even
        // if nothing else wants the CPU (Linux: migration_cpu_stop).
        int target = -1;
        if (prev.onRq && !prev.cpusAllowed.get(rq.cpu)) {
            target = selectTaskRq(prev, false);
            deactivateTask(rq, prev, SchedClass.DEQUEUE_SAVE);
        }
        TaskStruct next = pickNextTask(rq, prev);
        rq.needResched = false;
        if (next == prev) {
            rq.lock.unlock();
            return;
        }
        if (voluntary) {
            prev.nvcsw++;
        } else {
            prev.nivcsw++;
        }
        rq.curr = next;
        rq.nrSwitches++;
        prev.onCpu = false;
        next.onCpu = true;
        rq.lock.unlock();
        if (target >= 0) {
            activateOn(prev, target, SchedClass.ENQUEUE_MIGRATED);
        }
        resume(next);
        waitForCpu(prev);
    }

    /**
     * {@code __schedule_bug}: a sleep in hard-interrupt or softirq context. Linux
     * reports it and goes on; here the sleep does not happen (the handler would
     * otherwise hold the CPU's interrupt state across a switch), and the kernel is
     * tainted W. The last field is the preempt count, as Linux prints it.
     */
    private void schedulingWhileAtomic(TaskStruct prev, int preemptCount) {
        taints.add(Taint.WARN);
        log.prErr("BUG: scheduling while atomic: %s/%d/0x%08x", prev.comm, prev.pid, preemptCount);
        for (StackTraceElement e : new Throwable().getStackTrace()) {
            log.prErr(" %s", e);
        }
    }

    /** Lets {@code next}'s thread run: started the first time, unparked after. */
    private void resume(TaskStruct next) {
        if (!next.started) {
            next.started = true;
            executor.start(next);
        } else {
            LockSupport.unpark(next.thread);
        }
    }

    /**
     * Parks the calling task's thread until the task is a CPU's current again and
     * its thread runs on that CPU's carrier: a task picked by another CPU while its
     * thread was still on this one's carrier moves there by yielding.
     */
    private void waitForCpu(TaskStruct p) {
        while (true) {
            if (p.onCpu) {
                if (carriers[p.cpu].mounted == p) {
                    return;
                }
                Thread.yield();
            } else {
                LockSupport.park(this);
            }
        }
    }

    /** {@code pick_next_task}: the running task's class lets it go, then the first class with a task wins. */
    private TaskStruct pickNextTask(Rq rq, TaskStruct prev) {
        prev.schedClass.putPrevTask(rq, prev);
        for (SchedClass c : classes) {
            TaskStruct p = c.pickNextTask(rq);
            if (p != null) {
                return p;
            }
        }
        throw new IllegalStateException("BUG: no idle task on CPU " + rq.cpu);
    }

    void updateRqClock(Rq rq) {
        rq.clock = clock.readNanos();
    }

    void deactivateTask(Rq rq, TaskStruct p, int flags) {
        if (!p.onRq) {
            return;
        }
        p.schedClass.dequeueTask(rq, p, flags);
        p.onRq = false;
        rq.nrRunning--;
    }

    void activateTask(Rq rq, TaskStruct p, int flags) {
        p.schedClass.enqueueTask(rq, p, flags);
        p.onRq = true;
        rq.nrRunning++;
    }

    /** Enqueues a task that is on no run queue on CPU {@code cpu}, and preempts there if it should. */
    private void activateOn(TaskStruct p, int cpu, int flags) {
        Rq rq = rqs[cpu];
        rq.lock.lock();
        try {
            updateRqClock(rq);
            if (p.onRq) {
                return;
            }
            if (p.cpu != cpu) {
                p.se.nrMigrations++;
            }
            p.cpu = cpu;
            activateTask(rq, p, flags);
            wakeupPreempt(rq, p, flags);
        } finally {
            rq.lock.unlock();
        }
    }

    /** {@code wakeup_preempt}: a task of the same class decides; one of a higher class always preempts. */
    void wakeupPreempt(Rq rq, TaskStruct p, int flags) {
        TaskStruct curr = rq.curr;
        if (p.schedClass == curr.schedClass) {
            p.schedClass.wakeupPreempt(rq, p, flags);
        } else if (rank(p.schedClass) < rank(curr.schedClass)) {
            reschedCurr(rq);
        }
    }

    private int rank(SchedClass c) {
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] == c) {
                return i;
            }
        }
        return classes.length;
    }

    /**
     * {@code resched_curr}: the running task of {@code rq} should give up its CPU at
     * its next preemption point; another CPU gets a reschedule IPI, which also wakes
     * it if it is halted.
     */
    void reschedCurr(Rq rq) {
        if (rq.needResched) {
            return;
        }
        rq.needResched = true;
        TaskStruct me = current.get();
        if (me == null || me.cpu != rq.cpu || !me.onCpu) {
            rq.hw.raise(Cpu.RESCHEDULE_VECTOR);
        }
    }

    /** {@code select_task_rq}: the CPU a new ({@code fork}) or woken task goes to ({@link LoadBalance}). */
    private int selectTaskRq(TaskStruct p, boolean fork) {
        return balance.selectTaskRq(p, fork);
    }

    // ---- wake-ups -----------------------------------------------------------------

    @Override
    public boolean wakeUpProcess(Task task) {
        return tryToWakeUp((TaskStruct) task, false);
    }

    /**
     * {@code try_to_wake_up}: a task asleep in a normal sleeping state (or parked,
     * when {@code parked} says so) becomes runnable on the CPU
     * {@link #selectTaskRq} chooses. A task not yet off its run queue (it set its
     * state but has not scheduled yet) only becomes RUNNING again.
     */
    boolean tryToWakeUp(TaskStruct p, boolean parked) {
        Rq rq = lockTaskRq(p);
        int target;
        try {
            TaskState s = p.state;
            if (!s.isSleeping() || (s == TaskState.PARKED && !parked)) {
                return false;
            }
            p.state = TaskState.RUNNING;
            if (p.onRq) {
                return true;
            }
            target = selectTaskRq(p, false);
            if (target == rq.cpu) {
                updateRqClock(rq);
                activateTask(rq, p, SchedClass.ENQUEUE_WAKEUP);
                wakeupPreempt(rq, p, SchedClass.ENQUEUE_WAKEUP);
                return true;
            }
        } finally {
            rq.lock.unlock();
        }
        activateOn(p, target, SchedClass.ENQUEUE_WAKEUP | SchedClass.ENQUEUE_MIGRATED);
        return true;
    }

    /** {@code task_rq_lock}: the lock of the run queue {@code p} is on, taken. */
    private Rq lockTaskRq(TaskStruct p) {
        while (true) {
            Rq rq = rqs[p.cpu];
            rq.lock.lock();
            if (rq.cpu == p.cpu) {
                return rq;
            }
            rq.lock.unlock();
        }
    }

    /** Makes a new task runnable for the first time ({@code wake_up_new_task}). */
    void wakeUpNewTask(TaskStruct p) {
        if (p.state != TaskState.UNINTERRUPTIBLE || p.onRq || p.started) {
            tryToWakeUp(p, false);
            return;
        }
        p.state = TaskState.RUNNING;
        activateOn(p, selectTaskRq(p, true), SchedClass.ENQUEUE_INITIAL);
    }

    // ---- preemption points and the idle loop ---------------------------------------

    @Override
    public void yield() {
        TaskStruct p = current.get();
        if (p == null) {
            Thread.yield();
            return;
        }
        Rq rq = rqs[p.cpu];
        rq.lock.lock();
        try {
            updateRqClock(rq);
            p.schedClass.yieldTask(rq);
        } finally {
            rq.lock.unlock();
        }
        schedule();
    }

    @Override
    public void condResched() {
        TaskStruct p = current.get();
        if (p == null) {
            return;
        }
        Rq rq = rqs[p.cpu];
        handleInterrupts(rq);
        if (preemptCount(rq) != 0) {
            return;
        }
        rq.quiescentState();
        if (rq.needResched) {
            schedule();
        }
    }

    /**
     * The interrupt window: takes the vectors pending on the CPU, in hard-interrupt
     * context. The local timer is the scheduler tick; a reschedule IPI needs nothing
     * more (its sender set need_resched); every other vector goes to the interrupt
     * layer, if one is there.
     */
    private void handleInterrupts(Rq rq) {
        if (rq.irqsOff) {
            return;
        }
        int v = rq.hw.acknowledge();
        if (v < 0) {
            return;
        }
        rq.hardirqCount++;
        try {
            for (; v >= 0; v = rq.hw.acknowledge()) {
                rq.vectorCounts[v]++;
                if (v == Cpu.LOCAL_TIMER_VECTOR) {
                    schedulerTick(rq);
                } else if (v != Cpu.RESCHEDULE_VECTOR) {
                    InterruptEntry entry = irqEntry;
                    if (entry != null) {
                        entry.doIrq(rq.cpu, v);
                    }
                }
            }
        } finally {
            rq.hardirqCount--;
        }
        if (rq.hardirqCount == 0) {
            CpuHooks hooks = cpuHooks;
            if (hooks != null) {
                hooks.irqExit(rq.cpu);
            }
        }
    }

    /**
     * What other kernel parts do at a CPU's interrupt exit and tick: softirqs run
     * after the outermost hard interrupt ({@code irq_exit} / {@code invoke_softirq}),
     * timers are expired from the tick ({@code run_local_timers}).
     */
    public interface CpuHooks {
        /** On {@code cpu}, after its outermost hard interrupt; task context again, on that CPU's current task. */
        void irqExit(int cpu);

        /** On {@code cpu}, at each tick, in hard-interrupt context. */
        void tick(int cpu);

        /**
         * {@code get_next_timer_interrupt}: when the first timer of {@code cpu} expires,
         * ns on the machine's clock, or {@link Long#MAX_VALUE} if it has none. Asked
         * by the idle CPU before it stops its tick, and after each interrupt while idle.
         */
        long nextTimerInterrupt(int cpu);
    }

    private volatile CpuHooks cpuHooks;

    /**
     * {@code trigger_load_balance}: whether {@code cpu}'s periodic balance is due, for
     * the tick to raise SCHED_SOFTIRQ.
     */
    public boolean rebalanceDue(int cpu) {
        return balance.due(rqs[cpu], clock.readNanos());
    }

    /** {@code run_rebalance_domains}, SCHED_SOFTIRQ's action: the calling CPU's periodic balance. */
    public void runRebalanceDomains() {
        TaskStruct p = current.get();
        if (p != null) {
            balance.rebalance(rqs[p.cpu], clock.readNanos());
        }
    }

    /** Connects softirqs and timers. */
    public void setCpuHooks(CpuHooks hooks) {
        this.cpuHooks = hooks;
    }

    /** {@code HARDIRQ_OFFSET} and {@code SOFTIRQ_OFFSET}: preempt_count's units (include/linux/preempt.h). */
    public static final int HARDIRQ_OFFSET = 1 << 16;
    public static final int SOFTIRQ_OFFSET = 1 << 8;
    /** {@code PREEMPT_OFFSET}: what preempt_disable adds. */
    public static final int PREEMPT_OFFSET = 1;
    /** {@code X86_EFLAGS_IF}: the interrupt flag in the flags {@code local_irq_save} returns. */
    public static final long X86_EFLAGS_IF = 0x200;
    /** {@code SOFTIRQ_DISABLE_OFFSET}: what local_bh_disable adds. */
    public static final int SOFTIRQ_DISABLE_OFFSET = 2 * SOFTIRQ_OFFSET;

    /**
     * {@code __preempt_count_add} / {@code __preempt_count_sub} of softirq units on the
     * calling task's CPU: {@link #SOFTIRQ_OFFSET} while it serves softirqs,
     * {@link #SOFTIRQ_DISABLE_OFFSET} for local_bh_disable. While it is non-zero the
     * CPU does not schedule (a sleep is "scheduling while atomic").
     */
    public void softirqCountAdd(int delta) {
        rqs[current.get().cpu].softirqCount += delta;
    }

    private static int preemptCount(Rq rq) {
        return rq.hardirqCount * HARDIRQ_OFFSET + rq.softirqCount + rq.preemptOff * PREEMPT_OFFSET;
    }

    /** {@code preempt_count()} of the calling task's CPU: hard-interrupt nesting and softirq units; 0 outside the CPUs. */
    public int preemptCount() {
        TaskStruct p = current.get();
        return p == null || !p.onCpu ? 0 : preemptCount(rqs[p.cpu]);
    }

    // ---- the stopper -------------------------------------------------------------------

    /** Runs work on a CPU's stopper ({@code stop_one_cpu_nowait}); set by {@link CpuStop}. */
    interface Stopper {
        void stopOneCpuNowait(int cpu, Runnable fn);
    }

    private volatile Stopper stopper;

    /**
     * {@code sched_set_stop_task}: {@code task}, a kthread bound to {@code cpu} and not
     * yet woken, becomes the CPU's stopper: SCHED_FIFO 99 in the stop class.
     */
    void setStopTask(int cpu, TaskStruct task, Stopper work) {
        Rq rq = rqs[cpu];
        rq.lock.lock();
        try {
            task.policy = SchedPolicy.FIFO;
            task.rtPriority = 99;
            task.schedClass = stopClass;
            rq.stop = task;
        } finally {
            rq.lock.unlock();
        }
        this.stopper = work;
    }

    Stopper stopper() {
        return stopper;
    }

    /** The stoppers are going: no more stop work. */
    void clearStopper() {
        this.stopper = null;
    }

    // ---- preemption and interrupt flags, might_sleep ----------------------------------

    /** The calling task ({@code current}), or null for a thread that is no task; no allocation. */
    public Task currentOrNull() {
        return current.get();
    }

    /**
     * An interrupt window that does not schedule: what a CPU spinning on a lock with
     * interrupts enabled takes meanwhile.
     */
    public void irqWindow() {
        Rq rq = currentRq();
        if (rq != null) {
            handleInterrupts(rq);
        }
    }

    /** Each CPU's count of quiescent states now: where an RCU grace period starts. */
    public long[] rcuQsSnapshot() {
        long[] snap = new long[rqs.length];
        for (int i = 0; i < rqs.length; i++) {
            snap[i] = rqs[i].rcuQs();
        }
        return snap;
    }

    /**
     * Whether the grace period that started at {@code snap} is over: every online CPU
     * has passed a quiescent state since, or is idle (an extended quiescent state).
     */
    public boolean rcuGpDone(long[] snap) {
        for (int i = 0; i < rqs.length; i++) {
            Rq rq = rqs[i];
            if (online.get(i) && rq.rcuQs() == snap[i] && rq.curr != rq.idle) {
                return false;
            }
        }
        return true;
    }

    /** The run queue of the calling task's CPU, or null outside the CPUs. */
    private Rq currentRq() {
        TaskStruct p = current.get();
        return p == null || !p.onCpu ? null : rqs[p.cpu];
    }

    @Override
    public void preemptDisable() {
        Rq rq = currentRq();
        if (rq != null) {
            rq.preemptOff++;
        }
    }

    /**
     * {@code preempt_enable}: no rescheduling here, as in a kernel without
     * CONFIG_PREEMPT; the next preemption point does it. An enable after schedule()
     * reset the count (a sleep while atomic) finds it at 0 and leaves it there.
     */
    @Override
    public void preemptEnable() {
        Rq rq = currentRq();
        if (rq != null && rq.preemptOff > 0) {
            rq.preemptOff--;
        }
    }

    @Override
    public long localIrqSave() {
        Rq rq = currentRq();
        if (rq == null) {
            return X86_EFLAGS_IF;
        }
        boolean was = rq.irqsOff;
        rq.irqsOff = true;
        return was ? 0 : X86_EFLAGS_IF;
    }

    /** {@code local_irq_restore}: with the flag back on, what arrived meanwhile is taken now. */
    @Override
    public void localIrqRestore(long flags) {
        Rq rq = currentRq();
        if (rq != null && (flags & X86_EFLAGS_IF) != 0) {
            rq.irqsOff = false;
            handleInterrupts(rq);
        }
    }

    @Override
    public boolean irqsDisabled() {
        Rq rq = currentRq();
        return rq != null && (rq.irqsOff || rq.hardirqCount > 0);
    }

    @Override
    public boolean inAtomic() {
        return preemptCount() != 0;
    }

    /** What the locking layer shows of a task's held locks ({@code debug_show_held_locks}). */
    public interface HeldLocks {
        /** {@code debug_show_held_locks}. */
        void show(Task task, Printk log);

        /** {@code debug_check_no_locks_held} at {@code do_exit}: a task that ends holding locks is reported. */
        void exit(Task task);
    }

    private volatile HeldLocks heldLocks;
    /** {@code prev_jiffy} of __might_resched: one report a second at most. */
    private volatile long mightSleepReportedNs;

    /** Connects the locking layer's held-lock listing. */
    public void setHeldLocks(HeldLocks locks) {
        this.heldLocks = locks;
    }

    /**
     * {@code might_sleep} ({@code __might_resched}): a sleeping function called in
     * atomic context (preemption or interrupts disabled, in an interrupt, or by the
     * idle task) is reported as Linux reports it, at most once a second, with the
     * caller's source location, and taints W. Outside the CPUs there is nothing to check.
     */
    @Override
    public void mightSleep() {
        TaskStruct p = current.get();
        if (p == null || !p.onCpu) {
            return;
        }
        Rq rq = rqs[p.cpu];
        int pc = preemptCount(rq);
        boolean irqsOff = rq.irqsOff || rq.hardirqCount > 0;
        if (pc == 0 && !irqsOff && p != rq.idle) {
            return;
        }
        long now = clock.readNanos();
        long last = mightSleepReportedNs;
        if (last != 0 && now - last < 1_000_000_000L) {
            return;
        }
        mightSleepReportedNs = now;
        StackWalker.StackFrame site = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.skip(1).findFirst()).orElseThrow();
        log.prErr("BUG: sleeping function called from invalid context at %s%s:%d",
                site.getDeclaringClass().getPackageName().replace('.', '/') + "/", site.getFileName(),
                site.getLineNumber());
        log.prErr("in_atomic(): %d, irqs_disabled(): %d, non_block: %d, pid: %d, name: %s", pc != 0 ? 1 : 0,
                irqsOff ? 1 : 0, 0, p.pid, p.comm);
        log.prErr("preempt_count: %x, expected: %x", pc, 0);
        HeldLocks locks = heldLocks;
        if (locks != null) {
            locks.show(p, log);
        }
        dumpStack(p, new Throwable().getStackTrace());
        taints.add(Taint.WARN);
    }

    /** The per-CPU allocator, whose frames are not the caller of smp_processor_id. */
    private static final String PERCPU_CORE = "org.modux.kernel.percpu.impl.PerCpuCore";
    /** When the last "using smp_processor_id() in preemptible code" was printed (printk_ratelimit). */
    private volatile long preemptibleReportedNs;

    /**
     * {@code debug_smp_processor_id} (lib/smp_processor_id.c): the calling task's
     * CPU; asked where the task could move to another CPU (preempt count 0,
     * interrupts on, more than one CPU allowed) it is reported, at most once a
     * second, and answered. -1 for a thread that is no task.
     */
    public int debugSmpProcessorId() {
        TaskStruct p = current.get();
        if (p == null) {
            return -1;
        }
        Rq rq = rqs[p.cpu];
        if (p.onCpu && preemptCount(rq) == 0 && !rq.irqsOff && p.cpusAllowed.cardinality() > 1) {
            long now = clock.readNanos();
            long last = preemptibleReportedNs;
            if (last == 0 || now - last >= 1_000_000_000L) {
                preemptibleReportedNs = now;
                log.prErr("BUG: using smp_processor_id() in preemptible [%08x] code: %s/%d", 0, p.comm, p.pid);
                StackTraceElement[] trace = new Throwable().getStackTrace();
                StackTraceElement caller = null;
                for (StackTraceElement e : trace) {
                    String c = e.getClassName();
                    if (!c.equals(SchedCore.class.getName()) && !c.equals(PERCPU_CORE)
                            && !c.startsWith(PERCPU_CORE + "$")) {
                        caller = e;
                        break;
                    }
                }
                log.prErr("caller is %s", caller);
                dumpStack(p, trace);
            }
        }
        return p.cpu;
    }

    /** {@code dump_stack}: the CPU line and the call trace, at the error level. */
    public void dumpStack(Task task, StackTraceElement[] trace) {
        TaskStruct p = (TaskStruct) task;
        log.prErr("CPU: %d UID: 0 PID: %d Comm: %s Tainted: %s", p.cpu, p.pid, p.comm, taintString());
        log.prErr("Call Trace:");
        for (StackTraceElement e : trace) {
            log.prErr(" %s", e);
        }
    }

    private String taintString() {
        long mask = taints.mask();
        StringBuilder tainted = new StringBuilder();
        for (Taint f : Taint.values()) {
            tainted.append((mask & f.bit()) != 0 ? f.letter() : f.unsetChar());
        }
        return tainted.toString().stripTrailing();
    }

    // ---- the soft lockup watchdog ----------------------------------------------------

    /** {@code watchdog_thresh}, seconds; a soft lockup is a CPU stuck for twice it. 0 turns the watchdog off. */
    private volatile int watchdogThresh = 10;

    public int watchdogThresh() {
        return watchdogThresh;
    }

    public void setWatchdogThresh(int seconds) {
        this.watchdogThresh = seconds;
    }

    /**
     * {@code watchdog_timer_fn}'s soft lockup check, from the host twice a second: a busy
     * CPU that passed no point where it could schedule (schedule, or cond_resched
     * with preemption enabled: the quiescent states RCU counts) for twice
     * {@code watchdog_thresh} is reported with the stuck task's stack, taint L, and
     * again each further period it stays stuck. The check runs on the host because a
     * CPU that is stuck takes no interrupt; it notes progress itself, so the CPUs'
     * hot paths only count.
     */
    private void watchdogCheck() {
        int thresh = watchdogThresh;
        if (thresh <= 0 || halting) {
            return;
        }
        long now = clock.readNanos();
        long period = 2L * thresh * 1_000_000_000L;
        for (Rq rq : rqs) {
            TaskStruct curr = rq.curr;
            long qs = rq.rcuQs();
            if (curr == rq.idle || qs != rq.watchdogSeenQs || rq.touchTs == 0) {
                rq.watchdogSeenQs = qs;
                rq.touchTs = now;
                continue;
            }
            long touched = rq.touchTs;
            if (now - Math.max(touched, rq.softlockupReportTs) <= period) {
                continue;
            }
            rq.softlockupReportTs = now;
            taints.add(Taint.SOFTLOCKUP);
            log.prEmerg("watchdog: BUG: soft lockup - CPU#%d stuck for %ds! [%s:%d]", rq.cpu,
                    (now - touched) / 1_000_000_000L, curr.comm, curr.pid);
            log.prEmerg("CPU: %d UID: 0 PID: %d Comm: %s Tainted: %s", rq.cpu, curr.pid, curr.comm, taintString());
            log.prEmerg("Call Trace:");
            for (StackTraceElement e : curr.thread.getStackTrace()) {
                log.prEmerg(" %s", e);
            }
        }
    }

    /** {@code need_resched()} of the calling task's CPU. */
    public boolean needResched() {
        TaskStruct p = current.get();
        return p != null && rqs[p.cpu].needResched;
    }

    /** {@code in_hardirq()} on the calling task's CPU. */
    public boolean inHardirq() {
        TaskStruct p = current.get();
        return p != null && p.onCpu && rqs[p.cpu].hardirqCount > 0;
    }

    /** The CPU the calling task runs on ({@code smp_processor_id}), or -1 outside the CPUs. */
    public int smpProcessorId() {
        TaskStruct p = current.get();
        return p == null ? -1 : p.cpu;
    }

    /** Raises {@code vector} on {@code cpu} as an IPI would, waking it if it is halted. */
    public void kickCpu(int cpu, int vector) {
        rqs[cpu].hw.raise(vector);
    }

    /** {@code do_IRQ} of the interrupt layer, for the vectors the scheduler does not take itself. */
    public interface InterruptEntry {
        /** Handles {@code vector} on {@code cpu}, in hard-interrupt context on that CPU's current task. */
        void doIrq(int cpu, int vector);
    }

    private volatile InterruptEntry irqEntry;

    /** Connects the interrupt layer. */
    public void setInterruptEntry(InterruptEntry entry) {
        this.irqEntry = entry;
    }

    /**
     * {@code sched_tick} with {@code account_process_tick}: charges the running task,
     * lets its class decide whether it should be preempted, and counts the tick as
     * system time of the CPU (idle time is counted when the CPU leaves idle).
     */
    private void schedulerTick(Rq rq) {
        Rq kick;
        rq.lock.lock();
        try {
            updateRqClock(rq);
            TaskStruct curr = rq.curr;
            curr.schedClass.taskTick(rq, curr);
            if (curr != rq.idle) {
                rq.systemNs += TICK_NSEC;
            }
            kick = balance.kickTarget(rq);
        } finally {
            rq.lock.unlock();
        }
        if (kick != null) {
            kick.nohzBalanceKick = true;
            kick.hw.raise(Cpu.RESCHEDULE_VECTOR);
        }
        CpuHooks hooks = cpuHooks;
        if (hooks != null) {
            hooks.tick(rq.cpu);
        }
    }

    /**
     * {@code tick_nohz_idle_enter}: an idle CPU stops its tick, so that an idle
     * machine costs its host nothing.
     */
    private void tickNohzIdleEnter(Rq rq) {
        rq.idleSince = clock.readNanos();
        tickNohzStopTick(rq);
    }

    /**
     * {@code tick_nohz_stop_tick}: the idle CPU's clock event device is stopped, or,
     * if a timer is pending on the CPU, programmed once for that timer's expiry
     * ({@code get_next_timer_interrupt}). Done again after each interrupt while idle
     * ({@code tick_nohz_irq_exit}), since a handler may have added a timer.
     */
    private void tickNohzStopTick(Rq rq) {
        CpuHooks hooks = cpuHooks;
        long next = hooks == null ? Long.MAX_VALUE : hooks.nextTimerInterrupt(rq.cpu);
        ClockEventDevice dev = clockEvents.device(rq.cpu);
        if (next == Long.MAX_VALUE) {
            dev.setStateShutdown();
        } else {
            if (dev.state() != ClockEventDevice.State.ONESHOT) {
                dev.setStateOneshot();
            }
            if (dev.nextEvent() != next) {
                dev.setNextEvent(next);
            }
        }
    }

    /** {@code tick_nohz_idle_exit}: the tick comes back and the idle time is counted. */
    private void tickNohzIdleExit(Rq rq) {
        rq.idleNs += clock.readNanos() - rq.idleSince;
        clockEvents.device(rq.cpu).setStatePeriodic(TICK_NSEC);
    }

    /** {@code do_idle}: the idle task halts the CPU until an interrupt, and schedules when asked. */
    private void idleEntry(Rq rq, TaskStruct idle) {
        current.set(idle);
        waitForCpu(idle);
        clockEvents.device(rq.cpu).setStatePeriodic(TICK_NSEC);
        while (!halting) {
            handleInterrupts(rq);
            if (rq.needResched) {
                schedule();
                continue;
            }
            if (balance.pull(rq)) {
                continue;
            }
            tickNohzIdleEnter(rq);
            while (!rq.needResched && !halting) {
                rq.hw.halt();
                handleInterrupts(rq);
                if (rq.nohzBalanceKick) {
                    rq.nohzBalanceKick = false;
                    balance.pull(rq);
                }
                if (!rq.needResched) {
                    tickNohzStopTick(rq);
                }
            }
            tickNohzIdleExit(rq);
        }
    }

    // ---- attributes --------------------------------------------------------------

    @Override
    public void setUserNice(Task task, int nice) {
        TaskStruct p = (TaskStruct) task;
        int n = Math.max(-20, Math.min(19, nice));
        Rq rq = lockTaskRq(p);
        try {
            updateRqClock(rq);
            int old = p.prio();
            p.nice = n;
            if (p.schedClass != fairClass) {
                return;
            }
            if (p.onRq) {
                p.schedClass.prioChanged(rq, p, old);
            } else {
                p.se.reweight(n);
            }
        } finally {
            rq.lock.unlock();
        }
    }

    @Override
    public void setScheduler(Task task, SchedPolicy policy, int rtPriority) throws ErrnoException {
        if (policy == SchedPolicy.DEADLINE
                || (policy.isRealTime() ? rtPriority < 1 || rtPriority > 99 : rtPriority != 0)) {
            throw new ErrnoException(Errno.EINVAL);
        }
        TaskStruct p = (TaskStruct) task;
        if (p.pid == 0 || p.schedClass == stopClass) {
            throw new ErrnoException(Errno.EPERM);
        }
        Rq rq = lockTaskRq(p);
        try {
            updateRqClock(rq);
            SchedClass to = policy.isRealTime() ? rtClass : fairClass;
            boolean queued = p.onRq;
            boolean running = rq.curr == p;
            if (queued) {
                p.schedClass.dequeueTask(rq, p, SchedClass.DEQUEUE_SAVE);
            }
            if (running) {
                p.schedClass.putPrevTask(rq, p);
            }
            p.policy = policy;
            p.rtPriority = rtPriority;
            p.schedClass = to;
            if (queued) {
                to.enqueueTask(rq, p, 0);
                if (running) {
                    p.se.execStart = rq.clock;
                }
            }
            reschedCurr(rq);
        } finally {
            rq.lock.unlock();
        }
    }

    @Override
    public void setCpusAllowed(Task task, BitSet cpus) throws ErrnoException {
        BitSet ok = (BitSet) cpus.clone();
        ok.and(online);
        if (ok.isEmpty()) {
            throw new ErrnoException(Errno.EINVAL);
        }
        TaskStruct p = (TaskStruct) task;
        if (p.pid == 0 || (p.kthreadControl != null && p.kthreadControl.boundToCpu)) {
            throw new ErrnoException(Errno.EINVAL);
        }
        Rq rq = lockTaskRq(p);
        int target = -1;
        try {
            updateRqClock(rq);
            p.cpusAllowed = ok;
            if (ok.get(p.cpu)) {
                return;
            }
            if (rq.curr == p) {
                reschedCurr(rq);
            } else if (p.onRq) {
                deactivateTask(rq, p, SchedClass.DEQUEUE_SAVE);
                target = ok.nextSetBit(0);
            } else {
                p.cpu = ok.nextSetBit(0);
            }
        } finally {
            rq.lock.unlock();
        }
        if (target >= 0) {
            activateOn(p, target, SchedClass.ENQUEUE_MIGRATED);
        }
    }

    // ---- sleeping primitives ---------------------------------------------------------

    /** A pending wake-up by time; {@link #cancel} returns once it can no longer wake. */
    public interface Timer {
        void cancel();
    }

    /**
     * Where {@code schedule_timeout}'s timer comes from: the kernel timers
     * ({@code process_timeout} on the timer wheel), once they are there.
     */
    public interface TimeoutTimers {
        /** Arms a timer that wakes {@code p} ({@code wake_up_process}) at {@code deadlineNs} or soon after. */
        Timer wakeAt(Task p, long deadlineNs);
    }

    private volatile TimeoutTimers timeoutTimers;

    /** Connects the kernel timers to schedule_timeout and the timed waits; null disconnects them. */
    public void setTimeoutTimers(TimeoutTimers timers) {
        this.timeoutTimers = timers;
    }

    /**
     * Wakes {@code p} at {@code deadlineNs} on the machine's clock: a kernel timer,
     * or, before the timers are connected (early boot, tests of the core alone), the
     * "hrtimer" host thread.
     */
    Timer wakeAt(TaskStruct p, long deadlineNs) {
        TimeoutTimers timers = timeoutTimers;
        if (timers != null) {
            return timers.wakeAt(p, deadlineNs);
        }
        ScheduledFuture<?> f = hrtimer.schedule(() -> tryToWakeUp(p, false),
                Math.max(0, deadlineNs - clock.readNanos()), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public long scheduleTimeout(long timeoutNs) {
        TaskStruct p = current.get();
        long deadline = clock.readNanos() + timeoutNs;
        if (p == null) {
            LockSupport.parkNanos(timeoutNs);
            return Math.max(0, deadline - clock.readNanos());
        }
        Timer t = wakeAt(p, deadline);
        try {
            schedule();
        } finally {
            t.cancel();
        }
        return Math.max(0, deadline - clock.readNanos());
    }

    @Override
    public void msleep(long ms) {
        mightSleep();
        long deadline = clock.readNanos() + ms * 1_000_000L;
        for (long left = ms * 1_000_000L; left > 0; left = deadline - clock.readNanos()) {
            setCurrentState(TaskState.UNINTERRUPTIBLE);
            scheduleTimeout(left);
        }
    }

    @Override
    public WaitQueueHead newWaitQueue() {
        return new WaitQueue(this);
    }

    @Override
    public Completion newCompletion() {
        return new CompletionImpl(new WaitQueue(this));
    }

    // ---- reads -----------------------------------------------------------------------

    @Override
    public List<Task> tasks() {
        List<Task> all = new ArrayList<>(idleTasks);
        all.addAll(tasks.values());
        return all;
    }

    @Override
    public Optional<Task> findTask(int pid) {
        return Optional.ofNullable(tasks.get(pid));
    }

    /** Whether {@code p}'s thread runs on the carrier of the CPU {@code p} is on. */
    boolean isOnItsCarrier(TaskStruct p) {
        return carriers[p.cpu].mounted == p;
    }

    @Override
    public int onlineCpus() {
        return online.cardinality();
    }

    /**
     * {@code proc_sched_show_task} (kernel/sched/debug.c) for what this scheduler
     * keeps: the entity's times in milliseconds with six decimals (SPLIT_NS), the
     * counts as integers, in Linux 6.18's order. Load tracking (se.avg.*) and NUMA
     * balancing are not modelled, so their lines are left out rather than faked.
     */
    @Override
    public void showSched(Task task, SeqFile m) {
        TaskStruct p = (TaskStruct) task;
        m.printf("%s (%d, #threads: %d)%n", p.comm, p.pid, 1);
        m.puts("-".repeat(67)).putc('\n');
        splitNs(m, "se.exec_start", p.se.execStart);
        splitNs(m, "se.vruntime", p.se.vruntime);
        splitNs(m, "se.sum_exec_runtime", p.se.sumExecRuntime);
        number(m, "se.nr_migrations", p.se.nrMigrations);
        number(m, "nr_switches", p.nvcsw + p.nivcsw);
        number(m, "nr_voluntary_switches", p.nvcsw);
        number(m, "nr_involuntary_switches", p.nivcsw);
        number(m, "se.load.weight", SchedPrio.scaleLoad(p.se.weight));
        number(m, "policy", p.policy.number());
        number(m, "prio", p.prio());
        number(m, "se.slice", p.se.slice);
        long t0 = clock.readNanos();
        number(m, "clock-delta", clock.readNanos() - t0);
    }

    private static void splitNs(SeqFile m, String name, long ns) {
        m.printf("%-45s:%21d.%06d%n", name, ns / 1_000_000, Math.abs(ns % 1_000_000));
    }

    private static void number(SeqFile m, String name, long value) {
        m.printf("%-45s:%21d%n", name, value);
    }

    /** CPU {@code cpu}'s idle time so far, ns, the idle period it is in now included. */
    public long idleNs(int cpu) {
        Rq rq = rqs[cpu];
        long idle = rq.idleNs;
        long since = rq.idleSince;
        return rq.curr == rq.idle && since > 0 ? idle + Math.max(0, clock.readNanos() - since) : idle;
    }

    /** CPU {@code cpu}'s time in the kernel so far, ns. */
    public long systemNs(int cpu) {
        return rqs[cpu].systemNs;
    }

    /** How often {@code vector} was taken on {@code cpu} ({@code kstat_irqs_cpu}, by vector). */
    public long vectorCount(int cpu, int vector) {
        return rqs[cpu].vectorCounts[vector];
    }

    /** Tasks made since boot ({@code total_forks}). */
    public long totalForks() {
        return totalForks;
    }

    /** {@code nr_running()}: runnable tasks on every CPU, the running ones included. */
    public int nrRunning() {
        int n = 0;
        for (Rq rq : rqs) {
            n += rq.nrRunning;
        }
        return n;
    }

    /** {@code nr_iowait} and uninterruptible sleepers: tasks in D state. */
    public int nrUninterruptible() {
        int n = 0;
        for (TaskStruct p : tasks.values()) {
            if (p.state == TaskState.UNINTERRUPTIBLE && p.started) {
                n++;
            }
        }
        return n;
    }

    /** The pid given last ({@code idr_get_cursor} of the pid namespace), as /proc/loadavg shows it. */
    public int lastPid() {
        return pids.last();
    }

    public int nrCpus() {
        return rqs.length;
    }

    /** CPU {@code cpu}'s context switches so far ({@code nr_switches}). */
    long nrSwitches(int cpu) {
        return rqs[cpu].nrSwitches;
    }

    long clockNanos() {
        return clock.readNanos();
    }
}
