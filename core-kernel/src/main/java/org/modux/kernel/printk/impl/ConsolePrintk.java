package org.modux.kernel.printk.impl;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The four console log levels (Linux: {@code int console_printk[4]} in
 * kernel/printk/printk.c, named by macros in include/linux/printk.h):
 * console_loglevel, default_message_loglevel, minimum_console_loglevel and
 * default_console_loglevel. /proc/sys/kernel/printk reads and writes the same array
 * that syslog(2) and the consoles use, so a change through either is seen at once.
 * The array is atomic per element; no lock.
 */
final class ConsolePrintk {

    /** {@code CONFIG_CONSOLE_LOGLEVEL_DEFAULT}. */
    static final int CONSOLE_LOGLEVEL_DEFAULT = 7;
    /** {@code CONFIG_MESSAGE_LOGLEVEL_DEFAULT}: KERN_WARNING. */
    static final int MESSAGE_LOGLEVEL_DEFAULT = 4;
    /** The lowest level syslog(2) may set: KERN_ALERT and worse always print. */
    static final int CONSOLE_LOGLEVEL_MIN = 1;
    /** The {@code quiet} boot parameter. */
    static final int CONSOLE_LOGLEVEL_QUIET = 4;
    /** The {@code debug} boot parameter. */
    static final int CONSOLE_LOGLEVEL_DEBUG = 10;
    /** The highest level with a name: print everything. */
    static final int CONSOLE_LOGLEVEL_MOTORMOUTH = 15;

    private static final int CONSOLE_LOGLEVEL = 0;
    private static final int DEFAULT_MESSAGE_LOGLEVEL = 1;
    private static final int MINIMUM_CONSOLE_LOGLEVEL = 2;

    private final AtomicIntegerArray consolePrintk;

    /** The defaults, with {@code console_loglevel} as the boot command line set it. */
    ConsolePrintk(int consoleLoglevel) {
        consolePrintk = new AtomicIntegerArray(new int[] {
            consoleLoglevel, MESSAGE_LOGLEVEL_DEFAULT, CONSOLE_LOGLEVEL_MIN, CONSOLE_LOGLEVEL_DEFAULT,
        });
    }

    /** Messages with a level number below this reach the consoles. */
    int consoleLoglevel() {
        return consolePrintk.get(CONSOLE_LOGLEVEL);
    }

    void setConsoleLoglevel(int level) {
        consolePrintk.set(CONSOLE_LOGLEVEL, level);
    }

    /** The level of a message that names none (a /dev/kmsg write without {@code <N>}). */
    int defaultMessageLoglevel() {
        return consolePrintk.get(DEFAULT_MESSAGE_LOGLEVEL);
    }

    int minimumConsoleLoglevel() {
        return consolePrintk.get(MINIMUM_CONSOLE_LOGLEVEL);
    }

    /** The array itself, for the /proc/sys/kernel/printk sysctl. */
    AtomicIntegerArray asArray() {
        return consolePrintk;
    }
}
