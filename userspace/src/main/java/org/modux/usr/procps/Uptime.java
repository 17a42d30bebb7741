package org.modux.usr.procps;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * uptime (procps-ng, uptime(1); procps: library/uptime.c,
 * {@code procps_uptime_snprint}): " HH:MM:SS up T,  N user,  load average: a, b, c",
 * "up ..." with -p, the boot time with -s. There is no utmp, so no user is logged
 * in; without /proc/loadavg the averages print as 0.00 (procps leaves them unset).
 */
public final class Uptime {

    private static final int DAY = 86400;
    private static final int WEEK = 7 * DAY;
    private static final int YEAR = 365 * DAY;
    private static final int DECADE = 10 * YEAR;

    private Uptime() {
    }

    /** The default line, without its newline. */
    public static String line(long now, ZoneId zone, double uptime, int users, double[] load) {
        ZonedDateTime t = Instant.ofEpochSecond(now).atZone(zone);
        StringBuilder s = new StringBuilder(String.format(" %02d:%02d:%02d up ", t.getHour(), t.getMinute(),
                t.getSecond()));
        s.append(since(uptime, false));
        s.append(String.format(", %2d %s,  ", users, users > 1 ? "users" : "user"));
        s.append(String.format("load average: %.2f, %.2f, %.2f", load[0], load[1], load[2]));
        return s.toString();
    }

    /**
     * The default line as Modux can tell it, for uptime and top's first line: no
     * utmp, so no user is counted; the averages are 0.00 without /proc/loadavg.
     */
    public static String line(long now, ZoneId zone, double uptime, ProcReader proc) {
        return line(now, zone, uptime, 0, proc.loadavg().orElse(new double[3]));
    }

    /** -p: "up 1 hour, 5 minutes". */
    public static String pretty(double uptime) {
        return "up " + since(uptime, true);
    }

    /** -s: the boot time, "yyyy-mm-dd HH:MM:SS". */
    public static String since(long now, ZoneId zone, double uptime) {
        ZonedDateTime t = Instant.ofEpochSecond((long) (now - uptime)).atZone(zone);
        return String.format("%04d-%02d-%02d %02d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond());
    }

    /** {@code snprint_uptime_only}: "3 days,  4:05", "23 min" or, pretty, named units. */
    static String since(double secs, boolean pretty) {
        long up = (long) secs;
        long decades = 0;
        long years = 0;
        long weeks = 0;
        if (pretty) {
            decades = up / DECADE;
            up -= decades * DECADE;
            years = up / YEAR;
            up -= years * YEAR;
            weeks = up / WEEK;
            up -= weeks * WEEK;
        }
        long days = up / DAY;
        up -= days * DAY;
        long hours = up / 3600;
        up -= hours * 3600;
        long minutes = up / 60;
        up -= minutes * 60;
        StringBuilder s = new StringBuilder();
        if (pretty) {
            unit(s, decades, "decade", "decades");
            unit(s, years, "year", "years");
            unit(s, weeks, "week", "weeks");
        }
        unit(s, days, "day", "days");
        if (pretty) {
            unit(s, hours, "hour", "hours");
            if (minutes > 0 || up <= 60) {
                comma(s).append(minutes).append(' ').append(minutes > 1 ? "minutes" : "minute");
            }
        } else if (hours > 0) {
            comma(s).append(String.format("%2d:%02d", hours, minutes));
        } else {
            comma(s).append(minutes).append(" min");
        }
        return s.toString();
    }

    private static void unit(StringBuilder s, long n, String one, String many) {
        if (n > 0) {
            comma(s).append(n).append(' ').append(n > 1 ? many : one);
        }
    }

    private static StringBuilder comma(StringBuilder s) {
        return s.isEmpty() ? s : s.append(", ");
    }
}
