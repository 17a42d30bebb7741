package org.modux.kernel.printk.impl;

import java.util.List;

import org.modux.kernel.printk.LogLevel;
import org.modux.kernel.printk.LogRecord;
import org.modux.kernel.printk.Syslog;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@link Syslog} service: the actions of {@code syslog(2)} that dmesg uses
 * (Linux: kernel/printk/printk.c, {@code do_syslog}) and the write side of
 * /dev/kmsg ({@code devkmsg_write}). Messages written by user space go to SLF4J as
 * {@code user}. The /proc/kmsg read action lives in {@link ProcKmsg}.
 */
@Component(service = Syslog.class)
public final class KernelSyslog implements Syslog {

    /** The facility of a /dev/kmsg write that names none, or names the kernel's. */
    static final int LOG_USER = 1;

    private final KernelLog log;
    private final PrintkLogger user;

    @Activate
    public KernelSyslog(@Reference(name = "log") KernelLog log) {
        this.log = log;
        this.user = new PrintkLogger(log, "user");
    }

    @Override
    public List<LogRecord> readAll() {
        return log.logBuf().readAll(false);
    }

    @Override
    public List<LogRecord> readClear() {
        return log.logBuf().readAll(true);
    }

    @Override
    public void clear() {
        log.logBuf().clear();
    }

    /** {@code SYSLOG_ACTION_CONSOLE_LEVEL}: EINVAL outside 1..8; raised to minimum_console_loglevel. */
    @Override
    public void setConsoleLevel(int level) throws ErrnoException {
        if (level < 1 || level > 8) {
            throw new ErrnoException(Errno.EINVAL);
        }
        ConsolePrintk consolePrintk = log.consolePrintk();
        consolePrintk.setConsoleLoglevel(Math.max(level, consolePrintk.minimumConsoleLoglevel()));
    }

    @Override
    public int consoleLevel() {
        return log.consolePrintk().consoleLoglevel();
    }

    @Override
    public int bufferSize() {
        return log.logBuf().size();
    }

    @Override
    public void devkmsgWrite(String line) {
        DevkmsgLine parsed = DevkmsgLine.parse(line, log.consolePrintk().defaultMessageLoglevel());
        user.emit(parsed.facility(), parsed.level(), parsed.text());
    }

    /**
     * A /dev/kmsg write split as {@code devkmsg_write} splits it: an optional
     * {@code <N>} of decimal digits, N = facility * 8 + level. Facility 0 (the
     * kernel's) is not for user space and becomes LOG_USER, so the origin of a
     * message is never in doubt.
     */
    record DevkmsgLine(int facility, LogLevel level, String text) {

        static DevkmsgLine parse(String line, int defaultLevel) {
            if (line.startsWith("<")) {
                int end = 1;
                long priority = 0;
                while (end < line.length() && line.charAt(end) >= '0' && line.charAt(end) <= '9') {
                    priority = priority * 10 + line.charAt(end) - '0';
                    end++;
                }
                if (end < line.length() && line.charAt(end) == '>') {
                    int facility = (int) (priority >> 3 & 0xff);
                    return new DevkmsgLine(facility == 0 ? LOG_USER : facility, LogLevel.of((int) (priority & 7)),
                            line.substring(end + 1));
                }
            }
            // The level is a 3-bit field in the record, as in Linux.
            return new DevkmsgLine(LOG_USER, LogLevel.of(defaultLevel & 7), line);
        }
    }
}
