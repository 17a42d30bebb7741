package org.modux.hw.impl;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.modux.hw.ClockSource;
import org.modux.hw.irq.IrqLine;
import org.modux.hw.irq.IrqTestDevice;

/**
 * A device that raises interrupts and nothing else, for tests and benchmarks of
 * delivery. At a rate, its thread ("irq-testdev/IRQ", started on the first rate set)
 * raises interrupt k at {@code start + k * 1e9 / rate} on the machine clock, so the
 * average rate is exact whatever the pacing error of each one. Intervals of
 * {@value #PARK_INTERVAL_NANOS} ns and more are waited out with parkNanos (a host
 * timer's slack, some tens of microseconds, delays each interrupt but does not
 * accumulate); shorter ones by spinning on the clock. A stopped device's thread parks.
 * Made by {@link IrqTestDeviceFactory}.
 */
final class IrqTestDev implements IrqTestDevice {

    /** From this interval up the thread parks instead of spinning (rates up to 10,000/s). */
    static final long PARK_INTERVAL_NANOS = 100_000;
    /** Falling further behind than this (the thread was descheduled) restarts the schedule. */
    static final long MAX_LAG_NANOS = 1_000_000;
    static final long MAX_RATE = 100_000_000;

    private final IrqLine line;
    private final ClockSource clock;
    private final Consumer<IrqTestDev> onClose;
    private final AtomicLong raised = new AtomicLong();
    private final ReentrantLock threadLock = new ReentrantLock();
    private volatile long lastRaise = -1;
    private volatile long rate;
    private volatile boolean closed;
    /** The pacing thread, once a rate was set; guarded by threadLock. */
    private Thread thread;

    IrqTestDev(IrqLine line, ClockSource clock, Consumer<IrqTestDev> onClose) {
        this.line = line;
        this.clock = clock;
        this.onClose = onClose;
    }

    @Override
    public int irq() {
        return line.irq();
    }

    @Override
    public void fire() {
        lastRaise = clock.readNanos();
        raised.incrementAndGet();
        line.pulse();
    }

    @Override
    public void setRate(long perSecond) {
        if (perSecond < 0 || perSecond > MAX_RATE) {
            throw new IllegalArgumentException("irq-testdev: rate " + perSecond + "/s out of range");
        }
        Thread running;
        threadLock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("irq-testdev on irq " + irq() + " is closed");
            }
            rate = perSecond;
            if (thread == null && perSecond > 0) {
                thread = Thread.ofPlatform().name("irq-testdev/" + irq()).daemon().start(this::run);
            }
            running = thread;
        } finally {
            threadLock.unlock();
        }
        if (running != null) {
            LockSupport.unpark(running);
        }
    }

    @Override
    public long rate() {
        return rate;
    }

    @Override
    public long raised() {
        return raised.get();
    }

    @Override
    public long lastRaiseNanos() {
        return lastRaise;
    }

    @Override
    public void close() {
        Thread running;
        threadLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            rate = 0;
            running = thread;
        } finally {
            threadLock.unlock();
        }
        if (running != null) {
            LockSupport.unpark(running);
            Threads.joinUninterruptibly(running);
        }
        line.lower();
        onClose.accept(this);
    }

    private void run() {
        while (!closed) {
            long perSecond = rate;
            if (perSecond == 0) {
                LockSupport.park(this);
                continue;
            }
            runAt(perSecond);
        }
    }

    /** Raises interrupts at {@code perSecond} until the rate changes or the device closes. */
    private void runAt(long perSecond) {
        long interval = 1_000_000_000L / perSecond;
        long start = clock.readNanos();
        long k = 1;
        while (rate == perSecond && !closed) {
            long due = start + k * 1_000_000_000L / perSecond;
            long now = clock.readNanos();
            if (now < due) {
                if (interval >= PARK_INTERVAL_NANOS) {
                    LockSupport.parkNanos(this, due - now);
                    continue;
                }
                while (clock.readNanos() < due && rate == perSecond) {
                    Thread.onSpinWait();
                }
                if (rate != perSecond) {
                    return;
                }
            }
            fire();
            if (clock.readNanos() - due > MAX_LAG_NANOS) {
                start = clock.readNanos();
                k = 1;
            } else {
                k++;
            }
        }
    }

    @Override
    public String toString() {
        return "irq-testdev on irq " + irq();
    }
}
