package org.modux.kernel.printk;

/**
 * One message of the kernel log (Linux: {@code struct printk_info} with its text).
 *
 * @param seq        sequence number, from 0 at boot
 * @param tsNanos    nanoseconds since boot
 * @param facility   syslog facility: 0 for the kernel, 1 (user) for /dev/kmsg writers
 * @param level      log level
 * @param text       the message, without a trailing newline
 */
public record LogRecord(long seq, long tsNanos, int facility, LogLevel level, String text) {

    /** The {@code [    1.234567] } prefix the console and dmesg print. */
    public String timestamp() {
        return String.format("[%5d.%06d]", tsNanos / 1_000_000_000L, (tsNanos % 1_000_000_000L) / 1000);
    }

    /** The syslog priority {@code <N>} prefix: facility * 8 + level. */
    public int priority() {
        return facility * 8 + level.number();
    }
}
