package org.modux.kernel.printk.impl;

import org.modux.kernel.printk.LogLevel;
import org.modux.kernel.printk.Printk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * printk under one SLF4J logger name (Linux: the {@code printk()}/{@code pr_*()} family
 * of include/linux/printk.h): formats the message, drops one trailing newline as
 * {@code vprintk_store} does, stores it in the kernel log, and passes it to SLF4J at
 * the level {@link #slf4jLevel} maps it to. Immutable, so any thread may use it.
 */
class PrintkLogger implements Printk {

    private final KernelLog log;
    private final String name;
    private final Logger logger;

    PrintkLogger(KernelLog log, String name) {
        this.log = log;
        this.name = name;
        this.logger = LoggerFactory.getLogger(name);
    }

    @Override
    public void printk(LogLevel level, String format, Object... args) {
        emit(KernelLog.LOG_KERN, level, vsprintf(format, args));
    }

    @Override
    public Printk subsystem(String subsystem) {
        return new PrintkLogger(log, name + "." + subsystem);
    }

    /** Logs already formatted text with a syslog facility: the /dev/kmsg path uses it directly. */
    void emit(int facility, LogLevel level, String text) {
        String message = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        log.vprintkEmit(facility, level, message);
        switch (slf4jLevel(level)) {
            case ERROR -> logger.error(message);
            case WARN -> logger.warn(message);
            case INFO -> logger.info(message);
            case DEBUG -> logger.debug(message);
        }
    }

    /** Which SLF4J level each kernel log level goes to. */
    static Level slf4jLevel(LogLevel level) {
        return switch (level) {
            case EMERG, ALERT, CRIT, ERR -> Level.ERROR;
            case WARNING -> Level.WARN;
            case NOTICE, INFO -> Level.INFO;
            case DEBUG -> Level.DEBUG;
        };
    }

    /**
     * {@link String#format}, skipped when there is nothing to format. A format that
     * does not fit its arguments, or an argument whose {@code toString} throws, gives
     * the format itself: printk must not fail its caller.
     */
    static String vsprintf(String format, Object[] args) {
        if ((args == null || args.length == 0) && format.indexOf('%') < 0) {
            return format;
        }
        try {
            return String.format(format, args);
        } catch (RuntimeException e) {
            return format;
        }
    }
}
