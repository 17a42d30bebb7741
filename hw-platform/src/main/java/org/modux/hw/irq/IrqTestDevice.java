package org.modux.hw.irq;

/**
 * A device that only raises interrupts, for tests and benchmarks of interrupt
 * delivery (as QEMU's pci-testdev exists to exercise the path, not to do work).
 * Each interrupt is one edge on its line ({@link IrqLine#pulse}), raised on demand
 * or at a steady rate by a thread of the device's own. Before raising, the device
 * records the machine clock, so the kernel's handler can measure raise-to-handler
 * latency against {@link org.modux.hw.ClockSource#readNanos()}.
 */
public interface IrqTestDevice extends AutoCloseable {

    /** The irq the device is attached to. */
    int irq();

    /** Raises one interrupt now, from the calling thread. */
    void fire();

    /**
     * Raises interrupts at {@code perSecond} interrupts per second on the device's
     * thread, from now on; 0 stops. Up to about 1,000,000 per second on a spare host
     * core: short intervals are paced by busy-waiting, long ones by parking. A device
     * that falls more than a millisecond behind its schedule (its thread was not
     * running) drops the interrupts it missed rather than raising them in a burst.
     * IllegalArgumentException for a negative rate or one above 100,000,000.
     */
    void setRate(long perSecond);

    /** The rate last set, in interrupts per second (0: stopped). */
    long rate();

    /** Interrupts raised since the device was attached, by {@link #fire} and the rate. */
    long raised();

    /**
     * The machine clock ({@code ClockSource.readNanos}) just before the last interrupt
     * was raised, or -1 if none was. Written before the line is pulsed, so a handler
     * that runs because of that interrupt sees it (or a later one's).
     */
    long lastRaiseNanos();

    /** Stops the device's thread and disconnects it from its line (lowers its connection). */
    @Override
    void close();
}
