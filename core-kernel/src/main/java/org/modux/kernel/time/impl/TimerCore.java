package org.modux.kernel.time.impl;

import java.util.function.Consumer;

import org.modux.hw.ClockSource;
import org.modux.hw.Cpu;
import org.modux.hw.Machine;
import org.modux.kernel.impl.Taints;
import org.modux.kernel.printk.Printk;
import org.modux.kernel.sched.Task;
import org.modux.kernel.sched.impl.SchedCore;
import org.modux.kernel.softirq.SoftirqVector;
import org.modux.kernel.softirq.impl.SoftirqCore;
import org.modux.kernel.softirq.impl.TimerHooks;
import org.modux.kernel.time.TimerList;
import org.modux.kernel.time.Timers;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Kernel timers (Linux: kernel/time/timer.c): a {@link TimerBase} wheel per CPU,
 * {@code __mod_timer} and the deletes, {@code run_local_timers} at the tick and
 * {@code run_timer_softirq}, and {@code get_next_timer_interrupt} for the NOHZ idle
 * CPU. jiffies is the machine clock in ticks (HZ=250) from {@code INITIAL_JIFFIES},
 * so it is right on a CPU whose tick was stopped too.
 *
 * <p>Locking: a timer's base is found and locked by {@link #lockTimerBase}; moving a
 * timer between bases holds TIMER_MIGRATING in its flags while no lock is held. A
 * timer function runs without its base's lock; the base's {@code running_timer}
 * names it meanwhile, which {@link #timerDeleteSync} waits on.
 */
@Component(service = TimerCore.class, immediate = true)
public final class TimerCore implements Timers, TimerHooks, SchedCore.TimeoutTimers {

    /** {@code INITIAL_JIFFIES}: jiffies wraps its low 32 bits five minutes after boot, to catch bad compares. */
    static final long INITIAL_JIFFIES = (-300L * HZ) & 0xFFFFFFFFL;
    /** {@code TICK_NSEC}. */
    static final long TICK_NSEC = 1_000_000_000L / HZ;

    private final SchedCore core;
    private final SoftirqCore softirqs;
    private final Printk log;
    private final Taints taints;
    private final ClockSource clock;
    private final TimerBase[] bases;

    @Activate
    public TimerCore(@Reference Machine machine, @Reference SchedCore core, @Reference SoftirqCore softirqs,
            @Reference Printk printk, @Reference Taints taints) {
        this.core = core;
        this.softirqs = softirqs;
        this.log = printk;
        this.taints = taints;
        this.clock = machine.clock();
        this.bases = new TimerBase[machine.cpus()];
        long j = jiffies();
        for (int cpu = 0; cpu < bases.length; cpu++) {
            bases[cpu] = new TimerBase(cpu, j);
        }
        softirqs.openSoftirq(SoftirqVector.TIMER, this::runTimerSoftirq);
        softirqs.setTimerHooks(this);
        core.setTimeoutTimers(this);
    }

    @Deactivate
    public void deactivate() {
        core.setTimeoutTimers(null);
        softirqs.setTimerHooks(null);
        softirqs.openSoftirq(SoftirqVector.TIMER, null);
    }

    // ---- jiffies ------------------------------------------------------------------------

    @Override
    public long jiffies() {
        return INITIAL_JIFFIES + clock.readNanos() / TICK_NSEC;
    }

    @Override
    public long msecsToJiffies(long ms) {
        return (ms * HZ + 999) / 1000;
    }

    @Override
    public long jiffiesToMsecs(long j) {
        return j * (1000 / HZ);
    }

    /** When jiffy {@code j} begins, ns on the machine's clock. */
    private static long jiffiesToClockNs(long j) {
        return (j - INITIAL_JIFFIES) * TICK_NSEC;
    }

    /** The CPU whose wheel a timer added by the calling thread goes to: its own, or CPU 0 off the CPUs. */
    private int localCpu() {
        int cpu = core.smpProcessorId();
        return cpu < 0 ? 0 : cpu;
    }

    // ---- arming and disarming -------------------------------------------------------------

    @Override
    public TimerList timerSetup(Consumer<TimerList> function, int flags) {
        return new TimerListImpl(function, flags, localCpu());
    }

    /**
     * {@code lock_timer_base}: the base {@code timer} is on, locked; waits while the
     * timer migrates between two.
     */
    private TimerBase lockTimerBase(TimerListImpl timer) {
        while (true) {
            int tf = timer.flags;
            if ((tf & TimerListImpl.TIMER_MIGRATING) == 0) {
                TimerBase base = bases[tf & TimerListImpl.TIMER_CPUMASK];
                base.lock.lock();
                if (timer.flags == tf) {
                    return base;
                }
                base.lock.unlock();
            }
            Thread.onSpinWait();
        }
    }

    /** Moves {@code timer}, detached, from locked {@code base} to locked {@code to}; returns {@code to}. */
    private TimerBase migrateLocked(TimerListImpl timer, TimerBase base, TimerBase to) {
        timer.flags |= TimerListImpl.TIMER_MIGRATING;
        base.lock.unlock();
        to.lock.lock();
        timer.flags = to.cpu;
        return to;
    }

    @Override
    public void addTimer(TimerList timer, long expires) {
        TimerListImpl t = (TimerListImpl) timer;
        if (t.pending) {
            taints.warn(log, "WARNING: CPU: %d at kernel/time/timer.c add_timer: %s is pending already",
                    localCpu(), t);
            return;
        }
        modTimer(t, expires);
    }

    @Override
    public void addTimerOn(TimerList timer, long expires, int cpu) {
        TimerListImpl t = (TimerListImpl) timer;
        if (t.pending) {
            taints.warn(log, "WARNING: CPU: %d at kernel/time/timer.c add_timer_on: %s is pending already",
                    localCpu(), t);
            return;
        }
        TimerBase base = lockTimerBase(t);
        if (base.cpu != cpu) {
            base = migrateLocked(t, base, bases[cpu]);
        }
        base.forwardTimerBaseLocked(jiffies());
        t.expires = expires;
        boolean first = base.internalAddTimerLocked(t);
        base.lock.unlock();
        if (first) {
            triggerDyntickCpu(cpu);
        }
    }

    /**
     * {@code __mod_timer}: a pending timer whose new expiry falls in the same bucket
     * only has its expiry changed; otherwise it is detached and queued again, on the
     * calling CPU's wheel unless its function runs now (then it stays on its base,
     * so that timer_delete_sync keeps seeing it there).
     */
    @Override
    public boolean modTimer(TimerList timer, long expires) {
        TimerListImpl t = (TimerListImpl) timer;
        long jnow = jiffies();
        int idx = -1;
        long clk = 0;
        long bucketExpiry = 0;
        TimerBase base;
        if (t.pending) {
            if (t.expires == expires) {
                return true;
            }
            base = lockTimerBase(t);
            base.forwardTimerBaseLocked(jnow);
            clk = base.clk;
            if (t.pending) {
                idx = base.calcWheelIndex(expires, clk);
                bucketExpiry = base.bucketExpiry;
                if (idx == t.idx) {
                    t.expires = expires;
                    base.lock.unlock();
                    return true;
                }
            }
        } else {
            base = lockTimerBase(t);
            base.forwardTimerBaseLocked(jnow);
        }
        boolean wasPending = base.detachIfPendingLocked(t);
        TimerBase newBase = bases[localCpu()];
        if (base != newBase && base.runningTimer != t) {
            base = migrateLocked(t, base, newBase);
            base.forwardTimerBaseLocked(jnow);
        }
        t.expires = expires;
        boolean first = idx >= 0 && clk == base.clk
                ? base.enqueueTimerLocked(t, idx, bucketExpiry)
                : base.internalAddTimerLocked(t);
        int cpu = base.cpu;
        base.lock.unlock();
        if (first) {
            triggerDyntickCpu(cpu);
        }
        return wasPending;
    }

    /**
     * {@code trigger_dyntick_cpu}: a new first timer on another CPU's wheel; that CPU,
     * if idle with its tick stopped, must program its clock event device again. Linux
     * sends the IPI only to a CPU it knows idle; this kicks any other CPU (a busy one
     * just takes an empty reschedule vector), so no idle entry can race past it.
     */
    private void triggerDyntickCpu(int cpu) {
        if (cpu != core.smpProcessorId()) {
            core.kickCpu(cpu, Cpu.RESCHEDULE_VECTOR);
        }
    }

    @Override
    public boolean timerPending(TimerList timer) {
        return ((TimerListImpl) timer).pending;
    }

    @Override
    public boolean timerDelete(TimerList timer) {
        TimerListImpl t = (TimerListImpl) timer;
        if (!t.pending) {
            return false;
        }
        TimerBase base = lockTimerBase(t);
        try {
            return base.detachIfPendingLocked(t);
        } finally {
            base.lock.unlock();
        }
    }

    /**
     * {@code __timer_delete_sync}: {@code try_to_del_timer_sync} until the timer's
     * function runs on no CPU, spinning meanwhile as Linux's {@code cpu_relax} loop
     * does (the function runs in softirq context on another CPU, which cannot be
     * preempted, so the wait is short).
     */
    @Override
    public boolean timerDeleteSync(TimerList timer) {
        TimerListImpl t = (TimerListImpl) timer;
        if (core.inHardirq() && (t.userFlags & TIMER_IRQSAFE) == 0) {
            taints.warn(log, "WARNING: CPU: %d at kernel/time/timer.c __timer_delete_sync: %s in hard interrupt",
                    localCpu(), t);
        }
        while (true) {
            TimerBase base = lockTimerBase(t);
            try {
                if (base.runningTimer != t) {
                    return base.detachIfPendingLocked(t);
                }
                if (base.runningThread == Thread.currentThread()) {
                    taints.warn(log, "WARNING: CPU: %d at kernel/time/timer.c __timer_delete_sync: %s deletes"
                            + " itself from its own function: deadlock", base.cpu, t);
                    return base.detachIfPendingLocked(t);
                }
            } finally {
                base.lock.unlock();
            }
            Thread.onSpinWait();
        }
    }

    /**
     * {@code schedule_timeout}'s timer: {@code process_timeout} wakes the task at the
     * first jiffy at or after the deadline (so a sleep lasts whole ticks, as Linux's
     * do); cancelling is {@code timer_delete_sync}.
     */
    @Override
    public SchedCore.Timer wakeAt(Task p, long deadlineNs) {
        TimerList t = timerSetup(x -> core.wakeUpProcess(p), 0);
        modTimer(t, INITIAL_JIFFIES + Math.ceilDiv(deadlineNs, TICK_NSEC));
        return () -> timerDeleteSync(t);
    }

    // ---- expiry -------------------------------------------------------------------------

    /** {@code run_local_timers}: at the tick, TIMER_SOFTIRQ is raised if the first timer is due. */
    @Override
    public void runLocalTimers(int cpu) {
        if (jiffies() - bases[cpu].nextExpiry >= 0) {
            softirqs.raiseSoftirq(SoftirqVector.TIMER);
        }
    }

    /** {@code get_next_timer_interrupt}: the start of the jiffy of the first bucket expiry. */
    @Override
    public long nextTimerInterrupt(int cpu) {
        TimerBase base = bases[cpu];
        base.lock.lock();
        try {
            if (base.nextExpiryRecalc) {
                base.recalcNextExpiryLocked();
            }
            return base.timersPending ? jiffiesToClockNs(base.nextExpiry) : Long.MAX_VALUE;
        } finally {
            base.lock.unlock();
        }
    }

    /** {@code run_timer_softirq}. */
    private void runTimerSoftirq() {
        runTimers(bases[core.smpProcessorId()]);
    }

    /**
     * {@code __run_timers}: while the wheel's clock is not ahead of jiffies and a
     * bucket is due, collect the due buckets of every level, step the clock past them
     * and run their timers, highest level first, as Linux does.
     */
    private void runTimers(TimerBase base) {
        long jnow = jiffies();
        if (jnow - base.nextExpiry < 0) {
            return;
        }
        base.lock.lock();
        try {
            while (jnow - base.clk >= 0 && jnow - base.nextExpiry >= 0) {
                int levels = base.collectExpiredTimersLocked();
                base.clk++;
                base.recalcNextExpiryLocked();
                while (levels-- > 0) {
                    expireTimersLocked(base, base.heads[levels]);
                }
            }
        } finally {
            base.lock.unlock();
        }
    }

    /** {@code expire_timers}: each timer leaves the list and its function runs with the base unlocked. */
    private void expireTimersLocked(TimerBase base, TimerBase.Bucket head) {
        base.runningThread = Thread.currentThread();
        while (head.first != null) {
            TimerListImpl t = head.first;
            base.runningTimer = t;
            TimerBase.detachTimer(t);
            base.lock.unlock();
            try {
                t.function.accept(t);
            } catch (Throwable e) {
                core.oops(e);
            } finally {
                base.lock.lock();
            }
            base.runningTimer = null;
        }
        base.runningThread = null;
    }
}
