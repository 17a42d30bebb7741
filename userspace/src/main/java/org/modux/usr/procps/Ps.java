package org.modux.usr.procps;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * ps (procps-ng, ps(1); procps: src/ps/parser.c, sortformat.c, select.c and
 * output.c): parses the options Modux supports, picks processes and prints them in
 * procps' columns. Options: none (my euid and my tty), {@code -e}/{@code -A} (all),
 * {@code -f} (full format), {@code -o LIST} (user format, repeatable, "name=HEADER"
 * renames the last column of a list), and the BSD letters {@code a}, {@code x}
 * (so {@code ax}, {@code ax} with {@code -o} lists); all but {@code -o} cluster
 * ({@code -ef}, {@code -eo}).
 */
public final class Ps {

    /** How a column aligns ({@code CF_RIGHT}, {@code CF_LEFT}, {@code CF_USER}, {@code CF_UNLIMITED}). */
    enum Just { RIGHT, LEFT, USER, UNLIMITED }

    /** One format specifier: name, header, width, alignment, whether its width is pid_max's, how it prints. */
    record Spec(String name, String head, int width, Just just, boolean pidWidth, Function<Row, String> pr) {
    }

    /** A process with what its columns need from outside it; unixF is -f, which turns comm into the command line. */
    record Row(Proc p, Env env, boolean unixF) {
    }

    /**
     * What ps knows besides the processes: the time, the boot time, the uptime in
     * ticks, the width of pid columns, the reader's euid and tty, the screen width
     * (Integer.MAX_VALUE when not a terminal), the time zone.
     */
    public record Env(long now, long bootTime, double uptime, int pidLength, int euid, int tty, int columns,
            ZoneId zone) {
    }

    /** The format specifiers Modux's ps knows, as output.c's format_array has them. */
    static final List<Spec> SPECS = List.of(
            new Spec("args", "COMMAND", 27, Just.UNLIMITED, false, r -> r.p().cmdline()),
            new Spec("bsdtime", "TIME", 6, Just.RIGHT, false, Ps::bsdtime),
            new Spec("c", "C", 2, Just.RIGHT, false, Ps::c),
            new Spec("class", "CLS", 3, Just.LEFT, false, r -> schedClass(r.p().policy())),
            new Spec("cls", "CLS", 3, Just.RIGHT, false, r -> schedClass(r.p().policy())),
            new Spec("cmd", "CMD", 27, Just.UNLIMITED, false, r -> r.p().cmdline()),
            new Spec("comm", "COMMAND", 15, Just.UNLIMITED, false, Ps::comm),
            new Spec("command", "COMMAND", 27, Just.UNLIMITED, false, r -> r.p().cmdline()),
            new Spec("cputime", "TIME", 8, Just.RIGHT, false, Ps::time),
            new Spec("euid", "EUID", 5, Just.RIGHT, false, r -> Integer.toString(r.p().euid())),
            new Spec("euser", "EUSER", 8, Just.USER, false, r -> user(r.p().euid())),
            new Spec("f", "F", 1, Just.RIGHT, false, r -> Long.toOctalString((r.p().flags() >> 6) & 7)),
            new Spec("flags", "F", 1, Just.RIGHT, false, r -> Long.toOctalString((r.p().flags() >> 6) & 7)),
            new Spec("lwp", "LWP", 5, Just.RIGHT, true, r -> Integer.toString(r.p().pid())),
            new Spec("ni", "NI", 3, Just.RIGHT, false, Ps::nice),
            new Spec("nice", "NI", 3, Just.RIGHT, false, Ps::nice),
            new Spec("nlwp", "NLWP", 4, Just.RIGHT, false, r -> Integer.toString(r.p().nlwp())),
            new Spec("pgid", "PGID", 5, Just.RIGHT, true, r -> Integer.toString(r.p().pgrp())),
            new Spec("pid", "PID", 5, Just.RIGHT, true, r -> Integer.toString(r.p().pid())),
            new Spec("policy", "POL", 3, Just.LEFT, false, r -> schedClass(r.p().policy())),
            new Spec("ppid", "PPID", 5, Just.RIGHT, true, r -> Integer.toString(r.p().ppid())),
            new Spec("pri", "PRI", 3, Just.RIGHT, false, r -> Integer.toString(39 - r.p().priority())),
            new Spec("psr", "PSR", 3, Just.RIGHT, false, r -> Integer.toString(r.p().processor())),
            new Spec("rtprio", "RTPRIO", 6, Just.RIGHT, false, Ps::rtprio),
            new Spec("s", "S", 1, Just.LEFT, false, r -> String.valueOf(r.p().state())),
            new Spec("sid", "SID", 5, Just.RIGHT, true, r -> Integer.toString(r.p().session())),
            new Spec("start_time", "START", 5, Just.RIGHT, false, Ps::stime),
            new Spec("stat", "STAT", 4, Just.LEFT, false, Ps::stat),
            new Spec("state", "S", 1, Just.LEFT, false, r -> String.valueOf(r.p().state())),
            new Spec("stime", "STIME", 5, Just.RIGHT, false, Ps::stime),
            new Spec("tid", "TID", 5, Just.RIGHT, true, r -> Integer.toString(r.p().pid())),
            new Spec("time", "TIME", 8, Just.RIGHT, false, Ps::time),
            new Spec("tname", "TTY", 8, Just.LEFT, false, Ps::tty),
            new Spec("tt", "TT", 8, Just.LEFT, false, Ps::tty),
            new Spec("tty", "TT", 8, Just.LEFT, false, Ps::tty),
            new Spec("ucmd", "CMD", 15, Just.UNLIMITED, false, Ps::comm),
            new Spec("ucomm", "COMMAND", 15, Just.UNLIMITED, false, Ps::comm),
            new Spec("uid", "UID", 5, Just.RIGHT, false, r -> Integer.toString(r.p().euid())),
            new Spec("uid_hack", "UID", 8, Just.USER, false, r -> user(r.p().euid())),
            new Spec("user", "USER", 8, Just.USER, false, r -> user(r.p().euid())));

    /** A column of the chosen format: its spec, header and width. */
    record Column(Spec spec, String head, int width) {
    }

    /** What the options asked for. */
    record Options(boolean all, boolean full, boolean bsdA, boolean bsdX, boolean bsd, List<Column> format) {
    }

    /** A refused command line: procps' message for it. */
    public static final class UsageException extends Exception {

        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** What ps prints after "error: ..." when it does not understand its options ({@code do_help}). */
    public static final String USAGE = "\nUsage:\n ps [options]\n\n"
            + " Try 'ps --help <simple|list|output|threads|misc|all>'\n"
            + "  or 'ps --help <s|l|o|t|m|a>'\n for additional help text.\n\nFor more details see ps(1).\n";

    private final Options options;
    private final Env env;

    private Ps(Options options, Env env) {
        this.options = options;
        this.env = env;
    }

    /** Parses ps's arguments; a UsageException carries procps' error text ("unsupported SysV option"). */
    public static Ps parse(Env env, String... args) throws UsageException {
        boolean all = false;
        boolean full = false;
        boolean bsdA = false;
        boolean bsdX = false;
        boolean bsd = false;
        List<String> userFormat = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--")) {
                throw new UsageException("unknown gnu long option");
            }
            if (a.startsWith("-")) {
                if (a.length() == 1) {
                    throw new UsageException("unsupported SysV option");
                }
                for (int k = 1; k < a.length(); k++) {
                    char c = a.charAt(k);
                    switch (c) {
                        case 'e', 'A' -> all = true;
                        case 'f' -> full = true;
                        case 'o' -> {
                            String list = k + 1 < a.length() ? a.substring(k + 1) : i + 1 < args.length ? args[++i] : null;
                            if (list == null) {
                                throw new UsageException("list of format specifiers must follow -o");
                            }
                            userFormat.add(list);
                            k = a.length();
                        }
                        default -> throw new UsageException("unsupported SysV option");
                    }
                }
            } else {
                bsd = true;
                for (char c : a.toCharArray()) {
                    switch (c) {
                        case 'a' -> bsdA = true;
                        case 'x' -> bsdX = true;
                        default -> throw new UsageException("unsupported option (BSD syntax)");
                    }
                }
            }
        }
        List<Column> format = new ArrayList<>();
        if (!userFormat.isEmpty()) {
            if (full) {
                throw new UsageException("conflicting format options");
            }
            for (String list : userFormat) {
                format.addAll(parseList(list, env));
            }
        } else {
            format = defaultFormat(full, bsd, env);
        }
        return new Ps(new Options(all, full, bsdA, bsdX, bsd, format), env);
    }

    /** A -o list: comma- or space-separated specifiers; "name=HEADER" renames, to the end of the list. */
    static List<Column> parseList(String list, Env env) throws UsageException {
        List<Column> out = new ArrayList<>();
        String rest = list;
        while (!rest.isEmpty()) {
            int eq = rest.indexOf('=');
            int sep = firstSeparator(rest);
            String name;
            String head = null;
            if (eq >= 0 && (sep < 0 || eq < sep)) {
                name = rest.substring(0, eq);
                head = rest.substring(eq + 1);
                rest = "";
            } else if (sep >= 0) {
                name = rest.substring(0, sep);
                rest = rest.substring(sep + 1);
            } else {
                name = rest;
                rest = "";
            }
            if (name.isEmpty()) {
                continue;
            }
            Spec s = spec(name);
            if (s == null) {
                throw new UsageException("unknown user-defined format specifier \"" + name + "\"");
            }
            out.add(column(s, head, env));
        }
        if (out.isEmpty()) {
            throw new UsageException("empty format list");
        }
        return out;
    }

    private static int firstSeparator(String s) {
        int comma = s.indexOf(',');
        int space = s.indexOf(' ');
        return comma < 0 ? space : space < 0 ? comma : Math.min(comma, space);
    }

    static Spec spec(String name) {
        return SPECS.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    /** {@code do_one_spec}: a pid column is as wide as pid_max's digits; a renamed column at least as its header. */
    static Column column(Spec s, String override, Env env) {
        int w = s.pidWidth() ? Math.max(env.pidLength(), s.head().length()) : s.width();
        if (override != null) {
            return new Column(s, override, Math.max(w, override.length()));
        }
        return new Column(s, s.head(), w);
    }

    /**
     * {@code generate_sysv_list}: "pid,tname,time,ucmd" by default, with -f
     * "uid_hack,pid,ppid,c,stime,tname,time,cmd"; after BSD options
     * "pid,tname,stat,bsdtime,args".
     */
    static List<Column> defaultFormat(boolean full, boolean bsd, Env env) {
        String list;
        if (bsd) {
            list = full ? "uid_hack,pid,ppid,c,stime,tname,bsdtime,cmd" : "pid,tname,stat,bsdtime,args";
        } else {
            list = full ? "uid_hack,pid,ppid,c,stime,tname,time,cmd" : "pid,tname,time,ucmd";
        }
        List<Column> out = new ArrayList<>();
        for (String name : list.split(",")) {
            out.add(column(spec(name), null, env));
        }
        return out;
    }

    /** {@code want_this_proc} with {@code select_setup}'s simple selections. */
    boolean wanted(Proc p) {
        if (options.all() || (options.bsdA() && options.bsdX())) {
            return true;
        }
        boolean myEuid;
        boolean myTty;
        boolean hasTty;
        if (options.bsdA()) {
            myEuid = false;
            myTty = false;
            hasTty = true;
        } else if (options.bsdX()) {
            myEuid = true;
            myTty = false;
            hasTty = false;
        } else {
            myEuid = true;
            myTty = !options.bsd();
            hasTty = options.bsd();
        }
        return !(myEuid && p.euid() != env.euid()) && !(myTty && p.ttyNr() != env.tty())
                && !(hasTty && p.ttyNr() == 0);
    }

    /** The whole output: header and one line per process wanted. */
    public String render(List<Proc> procs) {
        StringBuilder out = new StringBuilder();
        out.append(line(null));
        for (Proc p : procs) {
            if (wanted(p)) {
                out.append(line(new Row(p, env, options.full())));
            }
        }
        return out.toString();
    }

    /**
     * {@code show_one_proc}: each column right- or left-aligned in its width, one
     * space between columns, a column that overflows pushing the rest right and
     * the next ones taking the room back; the last column is cut at the screen's
     * width (if it is a command) and never padded.
     */
    String line(Row row) {
        StringBuilder s = new StringBuilder();
        int correct = 0;
        int actual = 0;
        int dospace = 0;
        List<Column> format = options.format();
        for (int i = 0; i < format.size(); i++) {
            Column col = format.get(i);
            boolean last = i == format.size() - 1;
            String text = row == null ? col.head() : col.spec().pr().apply(row);
            int leftpad = col.spec().just() == Just.RIGHT ? Math.max(0, col.width() - text.length()) : 0;
            int space = correct - actual + leftpad;
            if (space < 1) {
                space = dospace;
            }
            if (last) {
                // Only the unlimited columns (commands) are cut; escape_str keeps one character at least.
                int room = env.columns() - actual - space;
                if (col.spec().just() == Just.UNLIMITED && env.columns() != Integer.MAX_VALUE && text.length() > room) {
                    text = text.substring(0, Math.max(1, room));
                }
                s.append(" ".repeat(space)).append(text).append('\n');
                break;
            }
            s.append(" ".repeat(space)).append(text);
            actual += space + text.length();
            correct += col.width() + 1;
            dospace = 1;
        }
        return s.toString();
    }

    /** {@code pr_comm}: the command name, or with -f the command line ({@code unix_f_option}). */
    private static String comm(Row r) {
        if (r.unixF()) {
            return r.p().cmdline();
        }
        return ProcReader.escape(r.p().comm()) + (r.p().state() == 'Z' ? " <defunct>" : "");
    }

    private static String time(Row r) {
        long t = (r.p().utime() + r.p().stime()) / ProcReader.HERTZ;
        long ss = t % 60;
        t /= 60;
        long mm = t % 60;
        t /= 60;
        long hh = t % 24;
        long dd = t / 24;
        return (dd > 0 ? dd + "-" : "") + String.format("%02d:%02d:%02d", hh, mm, ss);
    }

    private static String bsdtime(Row r) {
        long u = (r.p().utime() + r.p().stime()) / ProcReader.HERTZ;
        return String.format("%3d:%02d", u / 60, u % 60);
    }

    /** {@code pr_c}: whole percent of CPU over the process's life, at most 99. */
    private static String c(Row r) {
        double age = r.env().uptime() * ProcReader.HERTZ - r.p().startTime();
        long pcpu = age > 0 ? (long) ((r.p().utime() + r.p().stime()) * 100.0 / age) : 0;
        return String.format("%2d", Math.min(99, pcpu));
    }

    /** {@code pr_stime}: hh:mm today, MmmDD this year, else the year. */
    private static String stime(Row r) {
        ZonedDateTime now = Instant.ofEpochSecond(r.env().now()).atZone(r.env().zone());
        ZonedDateTime start = Instant.ofEpochSecond(r.env().bootTime() + r.p().startTime() / ProcReader.HERTZ)
                .atZone(r.env().zone());
        String fmt = "HH:mm";
        if (now.getDayOfYear() != start.getDayOfYear()) {
            fmt = "MMMdd";
        }
        if (now.getYear() != start.getYear()) {
            fmt = "yyyy";
        }
        return DateTimeFormatter.ofPattern(fmt, Locale.ROOT).format(start);
    }

    /** {@code pr_nice}: "-" for a policy nice does not apply to (real-time, deadline, idle). */
    private static String nice(Row r) {
        int policy = r.p().policy();
        return policy != 0 && policy != 3 && policy != -1 ? "-" : Integer.toString(r.p().nice());
    }

    private static String rtprio(Row r) {
        int policy = r.p().policy();
        return policy == 0 || policy == -1 ? "-" : Integer.toString(r.p().rtPriority());
    }

    /** {@code pr_stat}: the state letter, then &lt; N L s l + as they apply. */
    private static String stat(Row r) {
        Proc p = r.p();
        StringBuilder s = new StringBuilder().append(p.state());
        if (p.nice() < 0) {
            s.append('<');
        }
        if (p.nice() > 0) {
            s.append('N');
        }
        if (p.session() == p.pid()) {
            s.append('s');
        }
        if (p.nlwp() > 1) {
            s.append('l');
        }
        if (p.pgrp() == p.tpgid()) {
            s.append('+');
        }
        return s.toString();
    }

    /** {@code dev_to_tty}: "?" for no terminal; the console's devices do not exist yet. */
    private static String tty(Row r) {
        return r.p().ttyNr() == 0 ? "?" : Integer.toString(r.p().ttyNr());
    }

    /** SCHED_CLASSSTR: the policy's letters, as procps' library names them. */
    static String schedClass(int policy) {
        return switch (policy) {
            case -1 -> "-";
            case 0 -> "TS";
            case 1 -> "FF";
            case 2 -> "RR";
            case 3 -> "B";
            case 4 -> "ISO";
            case 5 -> "IDL";
            case 6 -> "DLN";
            default -> "?";
        };
    }

    /** The user name of a uid: root for 0, else the number (there is no /etc/passwd to ask). */
    static String user(int uid) {
        return uid == 0 ? "root" : Integer.toString(uid);
    }
}
