package org.modux.kernel.printk;

import java.util.List;

import org.modux.uapi.ErrnoException;

/**
 * The {@code syslog(2)} system call (Linux: kernel/printk/printk.c, do_syslog), which
 * {@code dmesg} uses, plus the {@code /dev/kmsg} write path for user space.
 */
public interface Syslog {

    /** {@code SYSLOG_ACTION_READ_ALL}: every message still in the ring buffer since the last clear. */
    List<LogRecord> readAll();

    /** {@code SYSLOG_ACTION_READ_CLEAR}: the same, then marks them cleared. */
    List<LogRecord> readClear();

    /** {@code SYSLOG_ACTION_CLEAR}. */
    void clear();

    /** {@code SYSLOG_ACTION_CONSOLE_LEVEL}: sets the console log level; EINVAL outside 1..8. */
    void setConsoleLevel(int level) throws ErrnoException;

    /** The console log level now in force. */
    int consoleLevel();

    /** {@code SYSLOG_ACTION_SIZE_BUFFER}: the ring buffer's size in bytes. */
    int bufferSize();

    /**
     * A write to {@code /dev/kmsg}: an optional {@code <N>} priority prefix (default
     * facility user, level {@code default_message_loglevel}), then the message.
     */
    void devkmsgWrite(String line);
}
