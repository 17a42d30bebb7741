package org.modux.hw.impl;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import org.modux.hw.ClockEventDevice;
import org.modux.hw.ClockSource;
import org.modux.hw.Cpu;

/**
 * One CPU's local APIC timer as a clock event device: a deadline on the machine
 * clock (TSC-deadline mode) or a period (the APIC timer's periodic mode). It only
 * holds what is programmed; {@link LapicTimers}' thread watches the deadlines and
 * calls {@link #expireIfDue} when one passes. Linux: arch/x86/kernel/apic/apic.c
 * ({@code lapic_clockevent}, {@code lapic_next_deadline}).
 *
 * <p>Deviation: Linux's "lapic-deadline" device drops CLOCK_EVT_FEAT_PERIODIC (TSC
 * deadline mode is one-shot only) and its kernel emulates a periodic tick with
 * one-shot events; this device keeps the periodic mode of the classic APIC timer
 * under the same name.
 *
 * <p>Lock: {@code lock} guards state, period and expires; {@code expires} is also
 * volatile because the timer thread's sleep protocol reads it without the lock.
 */
final class LapicTimer implements ClockEventDevice {

    static final String NAME = "lapic-deadline";
    /** Linux gives the local APIC timer 150 when it keeps running in deep C-states (ARAT). */
    static final int RATING = 150;
    /** Shorter deltas are below what a host thread's wake-up can honour. */
    static final long MIN_DELTA_NANOS = 1_000;
    /** About 146 years: the 64-bit deadline never wraps within a machine's life. */
    static final long MAX_DELTA_NANOS = Long.MAX_VALUE >> 1;
    private static final Set<Feature> FEATURES = EnumSet.of(Feature.PERIODIC, Feature.ONESHOT);

    private final int cpu;
    private final Cpu target;
    private final ClockSource clock;
    private final LapicTimers driver;

    private final ReentrantLock lock = new ReentrantLock();
    private State state = State.SHUTDOWN;
    private long period;
    private volatile long expires = NO_EVENT;
    private volatile long events;

    LapicTimer(int cpu, Cpu target, ClockSource clock, LapicTimers driver) {
        this.cpu = cpu;
        this.target = target;
        this.clock = clock;
        this.driver = driver;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int cpu() {
        return cpu;
    }

    @Override
    public Set<Feature> features() {
        return FEATURES;
    }

    @Override
    public int rating() {
        return RATING;
    }

    @Override
    public long minDeltaNanos() {
        return MIN_DELTA_NANOS;
    }

    @Override
    public long maxDeltaNanos() {
        return MAX_DELTA_NANOS;
    }

    @Override
    public State state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void setStatePeriodic(long periodNanos) {
        if (periodNanos < MIN_DELTA_NANOS || periodNanos > MAX_DELTA_NANOS) {
            throw new IllegalArgumentException(NAME + ": period " + periodNanos + " ns out of range");
        }
        program(State.PERIODIC, periodNanos, clock.readNanos() + periodNanos);
    }

    @Override
    public void setStateOneshot() {
        program(State.ONESHOT, 0, NO_EVENT);
    }

    @Override
    public void setNextEvent(long expiresNanos) {
        long when;
        lock.lock();
        try {
            if (state != State.ONESHOT) {
                throw new IllegalStateException(NAME + " on CPU " + cpu + " is " + state + ", not ONESHOT");
            }
            when = Math.min(expiresNanos, NO_EVENT - 1);
            expires = when;
        } finally {
            lock.unlock();
        }
        driver.programmed(when);
    }

    @Override
    public void setStateShutdown() {
        program(State.SHUTDOWN, 0, NO_EVENT);
    }

    private void program(State newState, long newPeriod, long when) {
        lock.lock();
        try {
            state = newState;
            period = newPeriod;
            expires = when;
        } finally {
            lock.unlock();
        }
        driver.programmed(when);
    }

    @Override
    public long nextEvent() {
        return expires;
    }

    @Override
    public long events() {
        return events;
    }

    /**
     * Called by the timer thread only: if the deadline has passed at {@code now},
     * raises the timer vector and re-arms (periodic: the next period still ahead, the
     * periods missed coalescing into this one interrupt; one-shot: disarmed). Returns
     * the next deadline, or {@link #NO_EVENT}.
     */
    long expireIfDue(long now) {
        boolean fire = false;
        long next;
        lock.lock();
        try {
            next = expires;
            if (next <= now) {
                fire = true;
                if (state == State.PERIODIC) {
                    next += ((now - next) / period + 1) * period;
                } else {
                    next = NO_EVENT;
                }
                expires = next;
            }
        } finally {
            lock.unlock();
        }
        if (fire) {
            events++;
            target.raise(Cpu.LOCAL_TIMER_VECTOR);
        }
        return next;
    }

    @Override
    public String toString() {
        return NAME + " (CPU " + cpu + ")";
    }
}
