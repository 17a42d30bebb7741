package org.modux.kernel.printk;

/**
 * The eight kernel log levels (Linux: include/linux/kern_levels.h), with the names
 * {@code dmesg --level} takes. A message is printed on the console when its level is
 * below the console log level.
 */
public enum LogLevel {
    EMERG("emerg"),
    ALERT("alert"),
    CRIT("crit"),
    ERR("err"),
    WARNING("warn"),
    NOTICE("notice"),
    INFO("info"),
    DEBUG("debug");

    private static final LogLevel[] BY_NUMBER = values();

    private final String dmesgName;

    LogLevel(String dmesgName) {
        this.dmesgName = dmesgName;
    }

    /** The number: 0 for KERN_EMERG ... 7 for KERN_DEBUG. */
    public int number() {
        return ordinal();
    }

    /** The name {@code dmesg -l} uses. */
    public String dmesgName() {
        return dmesgName;
    }

    /** The level with this number; IllegalArgumentException outside 0..7. */
    public static LogLevel of(int number) {
        if (number < 0 || number >= BY_NUMBER.length) {
            throw new IllegalArgumentException("no log level " + number);
        }
        return BY_NUMBER[number];
    }
}
