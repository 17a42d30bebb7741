package org.modux.hw;

/**
 * A free-running monotonic counter, the machine's equivalent of the TSC: Linux's
 * {@code struct clocksource}. Read from any thread, never goes backwards.
 */
public interface ClockSource {

    /** The name {@code /sys/devices/system/clocksource} would show. */
    String name();

    /** Nanoseconds since the machine was powered on. */
    long readNanos();
}
