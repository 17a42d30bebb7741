package org.modux.kernel.softirq.impl;

/**
 * What the timer wheel (org.modux.kernel.time.impl.TimerCore) does at a CPU's tick
 * and before an idle CPU stops it. The CPU hooks of the scheduler are
 * {@link SoftirqCore}'s; it hands these two on.
 */
public interface TimerHooks {

    /** {@code run_local_timers}: at the tick on {@code cpu}, in hard-interrupt context. */
    void runLocalTimers(int cpu);

    /** {@code get_next_timer_interrupt} of {@code cpu}, ns on the machine's clock, or Long.MAX_VALUE. */
    long nextTimerInterrupt(int cpu);
}
