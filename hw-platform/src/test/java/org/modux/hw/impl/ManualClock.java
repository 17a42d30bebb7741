package org.modux.hw.impl;

import org.modux.hw.ClockSource;

/** A clock a test sets by hand, or one that follows the host's monotonic clock. */
final class ManualClock implements ClockSource {

    private volatile long nanos;

    /** A clock that runs, as the machine's does: host nanoseconds since it was made. */
    static ClockSource host() {
        long start = System.nanoTime();
        return new ClockSource() {
            @Override
            public String name() {
                return "host";
            }

            @Override
            public long readNanos() {
                return System.nanoTime() - start;
            }
        };
    }

    void set(long value) {
        nanos = value;
    }

    @Override
    public String name() {
        return "manual";
    }

    @Override
    public long readNanos() {
        return nanos;
    }
}
