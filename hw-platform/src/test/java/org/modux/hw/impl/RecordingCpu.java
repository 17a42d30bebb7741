package org.modux.hw.impl;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

import org.modux.hw.ClockSource;
import org.modux.hw.Cpu;

/**
 * A CPU for tests: counts every raise of every vector (where a real CPU's IRR would
 * merge repeats) and stamps the first raise of each vector with the clock.
 */
final class RecordingCpu implements Cpu {

    private final int id;
    private final ClockSource clock;
    private final AtomicLongArray raises = new AtomicLongArray(NR_VECTORS);
    private final AtomicLongArray firstRaise = new AtomicLongArray(NR_VECTORS);

    RecordingCpu(int id, ClockSource clock) {
        this.id = id;
        this.clock = clock;
    }

    RecordingCpu(int id) {
        this(id, new ManualClock());
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public void raise(int vector) {
        firstRaise.compareAndSet(vector, 0, clock.readNanos());
        raises.incrementAndGet(vector);
        synchronized (this) {
            notifyAll();
        }
    }

    /** How often {@code vector} was raised. */
    long raised(int vector) {
        return raises.get(vector);
    }

    /** Raises of every vector. */
    long raisedTotal() {
        long total = 0;
        for (int v = 0; v < NR_VECTORS; v++) {
            total += raises.get(v);
        }
        return total;
    }

    /** The clock at the first raise of {@code vector} (0 if none). */
    long firstRaiseNanos(int vector) {
        return firstRaise.get(vector);
    }

    /** Waits until {@code vector} was raised {@code n} times; false after {@code seconds}. */
    synchronized boolean await(int vector, long n, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (raises.get(vector) < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    @Override
    public boolean interruptPending() {
        throw new UnsupportedOperationException();
    }

    @Override
    public int acknowledge() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void halt() {
        throw new UnsupportedOperationException();
    }
}
