package org.modux.kernel.printk.impl;

import java.util.ArrayList;
import java.util.List;

import org.modux.hw.BootCommandLine;

/**
 * The boot parameters the kernel log reads before anything else runs (Linux:
 * {@code early_param}s {@code log_buf_len} in kernel/printk/printk.c and
 * {@code loglevel}, {@code quiet}, {@code debug} in init/main.c). They are applied in
 * command-line order, so the last of {@code loglevel=}, {@code quiet} and
 * {@code debug} wins, as in Linux.
 *
 * <p>Unlike Linux, which never shrinks the log buffer below its compiled-in size,
 * {@code log_buf_len} may also make it smaller, down to {@value #LOG_BUF_LEN_MIN}
 * bytes, so that wrapping can be watched with a few messages.
 *
 * @param logBufLen       the ring buffer's size in bytes, a power of two
 * @param consoleLoglevel the initial {@code console_loglevel}
 * @param malformed       names of parameters whose value could not be parsed
 */
record EarlyParams(int logBufLen, int consoleLoglevel, List<String> malformed) {

    /** {@code 1 << CONFIG_LOG_BUF_SHIFT}. */
    static final int LOG_BUF_LEN_DEFAULT = 1 << 17;
    static final int LOG_BUF_LEN_MIN = 1 << 12;
    /** Linux allows 2G; a Java array stops just short of that. */
    static final int LOG_BUF_LEN_MAX = 1 << 30;

    /** Reads the parameters from a boot command line. */
    static EarlyParams parse(String commandLine) {
        int logBufLen = LOG_BUF_LEN_DEFAULT;
        int consoleLoglevel = ConsolePrintk.CONSOLE_LOGLEVEL_DEFAULT;
        List<String> malformed = new ArrayList<>();
        for (BootCommandLine.Param p : BootCommandLine.parse(commandLine)) {
            String name = p.name().replace('-', '_');
            switch (name) {
                case "log_buf_len" -> {
                    long size = size(p.value());
                    if (size < 0) {
                        malformed.add(name);
                    } else if (size > 0) {
                        logBufLen = logBufLen(size);
                    }
                }
                case "loglevel" -> {
                    Integer level = level(p.value());
                    if (level == null) {
                        malformed.add(name);
                    } else {
                        consoleLoglevel = level;
                    }
                }
                case "quiet" -> consoleLoglevel = ConsolePrintk.CONSOLE_LOGLEVEL_QUIET;
                case "debug" -> consoleLoglevel = ConsolePrintk.CONSOLE_LOGLEVEL_DEBUG;
                default -> {
                }
            }
        }
        return new EarlyParams(logBufLen, consoleLoglevel, List.copyOf(malformed));
    }

    /**
     * {@code log_buf_len_update}: clamps a requested size to the limits and rounds it up
     * to a power of two.
     */
    static int logBufLen(long requested) {
        long size = Math.min(Math.max(requested, LOG_BUF_LEN_MIN), LOG_BUF_LEN_MAX);
        return (int) (Long.highestOneBit(size - 1) << 1);
    }

    /** {@code memparse} of a value; -1 if there is none or it is not a size. */
    private static long size(String value) {
        if (value == null) {
            return -1;
        }
        try {
            return BootCommandLine.memparse(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code get_option} of a value as an int (decimal, 0x hex or 0 octal); null if it is not one. */
    private static Integer level(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.decode(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
