package org.modux.hw;

/**
 * The machine's per-CPU clock event devices, one per CPU (Linux's per-CPU
 * {@code lapic_events}); one service per machine, registered by hw-platform. All of
 * them are driven by one host thread that sleeps until the earliest expiry, so an
 * idle machine costs no host CPU.
 */
public interface ClockEvents {

    /** CPU {@code cpu}'s device (0 to {@link Machine#cpus()} - 1). */
    ClockEventDevice device(int cpu);
}
