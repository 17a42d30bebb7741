package org.modux.kernel.time;

import java.util.function.Consumer;

/**
 * Kernel timers (Linux: kernel/time/timer.c) on the per-CPU timer wheel. A timer is
 * added to the wheel of the calling CPU (CPU 0 for a thread that is no CPU's), or
 * of a given one with {@link #addTimerOn}; its function runs in TIMER_SOFTIRQ on
 * that CPU, at the first tick at or after {@code expires}, later by at most the
 * granularity of the wheel level it sits in (1/8 of the time left, as Linux). An
 * idle CPU whose tick is stopped is woken for it. Its function must not sleep; an
 * exception that escapes it is an oops.
 */
public interface Timers {

    /** {@code HZ}: jiffies per second. */
    int HZ = 250;

    /**
     * {@code TIMER_IRQSAFE}: the function runs with interrupts off, so
     * {@link #timerDeleteSync} may be called from hard-interrupt context.
     */
    int TIMER_IRQSAFE = 0x00200000;

    /** {@code jiffies}: ticks since boot, starting at {@code INITIAL_JIFFIES} as Linux's do. */
    long jiffies();

    /** {@code msecs_to_jiffies}: rounded up. */
    long msecsToJiffies(long ms);

    /** {@code jiffies_to_msecs}. */
    long jiffiesToMsecs(long j);

    /** {@code timer_setup}: a timer that calls {@code function} with itself; not pending. */
    TimerList timerSetup(Consumer<TimerList> function, int flags);

    /** {@code add_timer}: arms a timer that is not pending at {@code expires}; a pending one is Linux's BUG, logged. */
    void addTimer(TimerList timer, long expires);

    /** {@code add_timer_on}: as {@link #addTimer}, on {@code cpu}'s wheel. */
    void addTimerOn(TimerList timer, long expires, int cpu);

    /**
     * {@code mod_timer}: (re)arms {@code timer} at {@code expires} on the calling
     * CPU, pending or not; whether it was pending.
     */
    boolean modTimer(TimerList timer, long expires);

    /** {@code timer_pending}. */
    boolean timerPending(TimerList timer);

    /** {@code timer_delete} (formerly {@code del_timer}): disarms; whether it was pending. Does not wait for a running function. */
    boolean timerDelete(TimerList timer);

    /**
     * {@code timer_delete_sync} (formerly {@code del_timer_sync}): disarms and waits
     * until its function runs on no CPU; whether it was pending. Called from its
     * own function it would wait forever: Linux's lockdep reports it; here it is a
     * WARNING and the call returns without waiting.
     */
    boolean timerDeleteSync(TimerList timer);
}
