package org.modux.kernel.time;

/**
 * A kernel timer ({@code struct timer_list}), made by {@link Timers#timerSetup} and
 * armed, re-armed and deleted through {@link Timers}. These are reads.
 */
public interface TimerList {

    /** The expiry in jiffies ({@code expires}); meaningful while pending. */
    long expires();

    /** The CPU whose timer wheel holds it, or last held it. */
    int cpu();

    /** Its {@code TIMER_*} flags, as given to {@link Timers#timerSetup}. */
    int flags();
}
