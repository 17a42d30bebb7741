package org.modux.usr.kmod;

import java.io.PrintStream;

/**
 * The kmod tools' messages (kmod: tools/log.c): {@code "prog: LEVEL: message"} on
 * standard error, shown when the level is at or above the tool's threshold
 * (syslog numbering: lower is more severe). A FATAL message (LOG_CRIT) that is
 * shown ends the tool with status 1 at once, as {@code log_printf} does; one the
 * threshold hides (modprobe -q) does not.
 */
public final class KmodLog {

    public static final int LOG_EMERG = 0;
    public static final int LOG_CRIT = 2;
    public static final int LOG_ERR = 3;
    public static final int LOG_WARNING = 4;
    public static final int LOG_NOTICE = 5;
    public static final int LOG_INFO = 6;
    public static final int LOG_DEBUG = 7;

    private final String prog;
    private final PrintStream err;
    private final int threshold;
    /** The priority of {@link #report} (modprobe's {@code LOG()}): FATAL, WARNING with {@code modprobe -a}. */
    private int reportPriority = LOG_CRIT;

    public KmodLog(String prog, PrintStream err, int threshold) {
        this.prog = prog;
        this.err = err;
        this.threshold = threshold;
    }

    /** Prints {@code message} (no trailing newline needed) if {@code prio} passes the threshold. */
    public boolean log(int prio, String message) {
        if (prio > threshold) {
            return false;
        }
        err.print(prog + ": " + name(prio) + ": " + message + "\n");
        err.flush();
        return true;
    }

    /** LOG_CRIT: shown, it ends the tool ({@link Exit}); hidden, it returns and the caller goes on failing. */
    public void fatal(String message) {
        if (log(LOG_CRIT, message)) {
            throw new Exit(1);
        }
    }

    /** modprobe's {@code LOG()}: at the report priority, ending the tool when that is FATAL and shown. */
    public void report(String message) {
        if (log(reportPriority, message) && reportPriority <= LOG_CRIT) {
            throw new Exit(1);
        }
    }

    public void setReportPriority(int prio) {
        this.reportPriority = prio;
    }

    public void error(String message) {
        log(LOG_ERR, message);
    }

    public void info(String message) {
        log(LOG_INFO, message);
    }

    private static String name(int prio) {
        return switch (prio) {
            case LOG_CRIT -> "FATAL";
            case LOG_ERR -> "ERROR";
            case LOG_WARNING -> "WARNING";
            case LOG_NOTICE -> "NOTICE";
            case LOG_INFO -> "INFO";
            case LOG_DEBUG -> "DEBUG";
            default -> String.format("LOG-%03d", prio);
        };
    }

    /** {@code exit(status)} from inside a tool. */
    public static final class Exit extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        public Exit(int status) {
            super(null, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
