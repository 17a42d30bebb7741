package org.modux.kernel.printk;

/**
 * printk (Linux: kernel/printk/printk.c). Each bundle gets its own instance, whose
 * messages also go to an SLF4J logger named after the module ({@code module.hello})
 * or, in the kernel core, the subsystem ({@code kernel.vfs}). Format strings use
 * Java's {@link String#format} syntax; by kernel habit a message starts with its
 * subsystem or driver prefix ({@code "proc: ..."}).
 */
public interface Printk {

    /** Logs a message at {@code level}. A trailing newline is dropped, as the kernel does. */
    void printk(LogLevel level, String format, Object... args);

    /** The same log with another SLF4J logger name, for a subsystem: {@code subsystem("vfs")}. */
    Printk subsystem(String name);

    default void prEmerg(String format, Object... args) {
        printk(LogLevel.EMERG, format, args);
    }

    default void prAlert(String format, Object... args) {
        printk(LogLevel.ALERT, format, args);
    }

    default void prCrit(String format, Object... args) {
        printk(LogLevel.CRIT, format, args);
    }

    default void prErr(String format, Object... args) {
        printk(LogLevel.ERR, format, args);
    }

    default void prWarn(String format, Object... args) {
        printk(LogLevel.WARNING, format, args);
    }

    default void prNotice(String format, Object... args) {
        printk(LogLevel.NOTICE, format, args);
    }

    default void prInfo(String format, Object... args) {
        printk(LogLevel.INFO, format, args);
    }

    default void prDebug(String format, Object... args) {
        printk(LogLevel.DEBUG, format, args);
    }
}
