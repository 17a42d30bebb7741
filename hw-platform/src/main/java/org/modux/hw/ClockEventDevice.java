package org.modux.hw;

import java.util.Set;

/**
 * A per-CPU timer that interrupts its CPU: Linux's {@code struct clock_event_device}
 * (include/linux/clockchips.h), here the local APIC timer. On expiry it raises
 * {@link Cpu#LOCAL_TIMER_VECTOR} on its CPU. Times are nanoseconds on the machine's
 * {@link Machine#clock()} timeline. Any thread may program it; programming takes
 * effect at once, replacing whatever was programmed before.
 */
public interface ClockEventDevice {

    /** Linux's CLOCK_EVT_FEAT_* a device may have. */
    enum Feature {
        PERIODIC,
        ONESHOT
    }

    /** Linux's {@code enum clock_event_state}, as far as the hardware keeps it. */
    enum State {
        /** Stopped: nothing fires (the power-on state). */
        SHUTDOWN,
        /** Fires every period. */
        PERIODIC,
        /** Fires once at the programmed expiry, if one is set, then waits for the next one. */
        ONESHOT
    }

    /** {@link #nextEvent()} when nothing is armed (Linux's KTIME_MAX). */
    long NO_EVENT = Long.MAX_VALUE;

    /** The name /proc/timer_list shows ("lapic-deadline"). */
    String name();

    /** The CPU this device interrupts. */
    int cpu();

    /** What the device can do. */
    Set<Feature> features();

    /** Linux's rating: the clockevents core prefers the highest-rated device. */
    int rating();

    /** The shortest delta worth programming; shorter ones fire as soon as the device can. */
    long minDeltaNanos();

    /** The longest delta the device can hold. */
    long maxDeltaNanos();

    /** The current state. */
    State state();

    /**
     * Fires every {@code periodNanos} from now on ({@code set_state_periodic}); the
     * first expiry is one period from now. A period shorter than
     * {@link #minDeltaNanos()} throws IllegalArgumentException. Expiries the device
     * could not raise in time (its thread was not running) coalesce into one
     * interrupt, as a pending vector does in the CPU.
     */
    void setStatePeriodic(long periodNanos);

    /** Enters one-shot mode with nothing armed ({@code set_state_oneshot}). */
    void setStateOneshot();

    /**
     * Arms the one-shot expiry at the absolute time {@code expiresNanos}
     * ({@code set_next_ktime}, as a TSC deadline is written); a time already past
     * fires at once. Replaces an armed expiry. IllegalStateException unless the device
     * is in {@link State#ONESHOT}.
     */
    void setNextEvent(long expiresNanos);

    /** Stops the device ({@code set_state_shutdown}); an armed expiry is cancelled. */
    void setStateShutdown();

    /** The absolute time of the next expiry, or {@link #NO_EVENT}. */
    long nextEvent();

    /** Timer interrupts raised since power-on (the device's share of the LOC row). */
    long events();
}
