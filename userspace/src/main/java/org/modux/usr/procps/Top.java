package org.modux.usr.procps;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * top's batch mode (procps-ng 4.0.2, top(1); procps: src/top/top.c,
 * {@code frame_make}, {@code summary_show}, {@code window_show}, {@code task_show}).
 * A frame is the summary (the uptime line, task states, CPU states, and memory
 * when there is a /proc/meminfo), a blank line, the column header and a line per
 * task in top's default fields, busiest first (by ticks used since the last look),
 * ties in pid order. Lines are cut at the screen width; the fields that do not fit
 * are left out, and COMMAND takes the room left, cut with a '+'.
 *
 * <p>As in procps, the CPU states are the change in /proc/stat's cpu line since the
 * last look, which for the first frame is when this top was made, moments before;
 * a task's %CPU is its utime + stime change over the /proc/uptime change between two
 * looks at the tasks, which the first frame takes {@link #FIRST_FRAME_PAUSE} apart.
 * Numbers are worked out in float as top does and printed as C's printf prints
 * them. Modux has no /proc/meminfo yet: without it the two memory lines are left
 * out (procps would stop with "library failed memory statistics") and %MEM is 0.0,
 * as for any task without resident memory.
 */
public final class Top {

    /** {@code LIB_USLEEP}: how far apart the first frame's two looks at the tasks are. */
    public static final Duration FIRST_FRAME_PAUSE = Duration.ofMillis(150);

    /** The help text, with the options Modux's top has ({@code HELP_cmdline_fmt}). */
    public static final String USAGE = "\nUsage:\n top [options]\n\nOptions:\n"
            + " -b, --batch-mode                run in non-interactive batch mode\n"
            + " -d, --delay =SECS [.TENTHS]     iterative delay as SECS [.TENTHS]\n"
            + " -n, --iterations =NUMBER        exit on maximum iterations NUMBER\n"
            + "\n"
            + " -h, --help                      display this help text, then exit\n"
            + "\n"
            + "For more details see top(1).\n";

    /** {@code W_MIN_COL} and {@code SCREENMAX}: the narrowest and widest screens top formats for. */
    private static final int W_MIN_COL = 3;
    private static final int SCREENMAX = 512;

    /** What waits between the first frame's two looks at the tasks. */
    @FunctionalInterface
    public interface Pause {
        void pause() throws InterruptedException;
    }

    /** A task at the latest look: its /proc/PID/stat and the ticks it used since the look before. */
    private record Task(Proc p, long ticsDelta) {
    }

    /** What a task's line shows beside /proc/PID/stat: statm in KiB, %CPU and %MEM. */
    private record Row(Proc p, long[] statm, float pcpu, float pmem) {
    }

    /** How a field prints a row in a given width. */
    @FunctionalInterface
    private interface Cell {
        String text(Row r, int width);
    }

    /**
     * A field of {@code Fieldstab}: header, width (0: the pid width; -1: whatever is
     * left, for COMMAND), whether it is right-aligned, and its text.
     */
    private record Field(String head, int width, boolean right, Cell cell) {
    }

    /** top's default fields, in order ({@code DEF_FORMS}'s first window). */
    private static final List<Field> FIELDS = List.of(
            new Field("PID", 0, true, (r, w) -> plus(Integer.toString(r.p().pid()), w)),
            new Field("USER", 8, false, (r, w) -> plus(Ps.user(r.p().euid()), w)),
            new Field("PR", 3, true, (r, w) -> r.p().priority() < -99 || r.p().priority() > 999 ? plus("rt", w)
                    : plus(Integer.toString(r.p().priority()), w)),
            new Field("NI", 3, true, (r, w) -> plus(Integer.toString(r.p().nice()), w)),
            new Field("VIRT", 7, true, (r, w) -> scaleMem(r.statm()[0], w)),
            new Field("RES", 6, true, (r, w) -> scaleMem(r.statm()[1], w)),
            new Field("SHR", 6, true, (r, w) -> scaleMem(r.statm()[2], w)),
            new Field("S", 1, true, (r, w) -> String.valueOf(r.p().state())),
            new Field("%CPU", 5, true, (r, w) -> scalePcnt(r.pcpu(), w)),
            new Field("%MEM", 5, true, (r, w) -> scalePcnt(r.pmem(), w)),
            new Field("TIME+", 9, true, (r, w) -> scaleTics(r.p().utime() + r.p().stime(), w)),
            new Field("COMMAND", -1, false, (r, w) -> plus(ProcReader.escape(r.p().comm()), w)));

    private final ProcReader proc;
    private final Clock clock;
    private final int columns;
    /** The fields that fit the screen, and their widths ({@code calibrate_fields}). */
    private final List<Field> shown = new ArrayList<>();
    private final List<Integer> widths = new ArrayList<>();
    private long[] cpuLast;
    /** Each task's utime + stime at the last look; null before the first. */
    private Map<Integer, Long> ticsLast;
    private double uptimeLast;
    /** {@code Frame_etscale}: %CPU per tick at the latest look. */
    private float etscale;

    /**
     * A top for a screen {@code columns} wide: reads /proc/stat once, as top does
     * at start-up, so the first frame has CPU states to show.
     */
    public Top(ProcReader proc, int columns, Clock clock) throws IOException {
        this.proc = proc;
        this.clock = clock;
        this.columns = Math.max(W_MIN_COL, Math.min(SCREENMAX, columns));
        this.cpuLast = proc.cpuTimes().ticks();
        int used = 0;
        for (Field f : FIELDS) {
            int w = f.width() == 0 ? Math.max(5, proc.pidLength()) : f.width();
            int len = (w < 0 ? f.head().length() : w) + 1;
            if (this.columns < used + len) {
                break;
            }
            shown.add(f);
            widths.add(w);
            used += len;
        }
        for (int i = 0; i < shown.size(); i++) {
            if (widths.get(i) < 0) {
                widths.set(i, shown.get(i).head().length() + this.columns - used);
            }
        }
    }

    /**
     * The next frame, every line ending in a newline ({@code frame_make}). The first
     * frame calls {@code pause} between its two looks at the tasks.
     */
    public String frame(Pause pause) throws IOException, InterruptedException {
        boolean first = ticsLast == null;
        List<Task> tasks = tasksRefresh();
        ProcReader.CpuTimes cpu = proc.cpuTimes();
        long[] ticks = new long[cpu.ticks().length];
        for (int i = 0; i < ticks.length; i++) {
            // A counter that went back (a CPU going offline) counts nothing, as in procps.
            ticks[i] = Math.max(0, cpu.ticks()[i] - cpuLast[i]);
        }
        cpuLast = cpu.ticks();
        Optional<Map<String, Long>> mem = proc.meminfo();
        if (first) {
            pause.pause();
            tasks = tasksRefresh();
        }
        StringBuilder out = new StringBuilder();
        long now = clock.instant().getEpochSecond();
        summary(out, "top -" + Uptime.line(now, clock.getZone(), proc.uptime(), proc));
        summary(out, tasksLine(tasks));
        summary(out, cpuLine(ticks));
        mem.ifPresent(m -> memLines(out, m));
        out.append('\n');
        List<String> head = new ArrayList<>();
        for (Field f : shown) {
            head.add(f.head());
        }
        out.append(line(head));
        long memTotal = mem.map(m -> m.getOrDefault("MemTotal", 0L)).orElse(0L);
        float cpuMax = cpuMax(cpu.cpus());
        List<Task> sorted = new ArrayList<>(tasks);
        sorted.sort((a, b) -> Long.compare(b.ticsDelta(), a.ticsDelta()));
        for (Task t : sorted) {
            out.append(line(row(t, memTotal, cpuMax)));
        }
        return out.toString();
    }

    /**
     * {@code tasks_refresh}: every task now, with the ticks each used since the last
     * look (all of them for one not seen before), and the %CPU a tick is worth over
     * the time between the looks.
     */
    private List<Task> tasksRefresh() throws IOException {
        double uptime = proc.uptime();
        float et = (float) (uptime - uptimeLast);
        if (et < 0.01f) {
            et = 0.005f;
        }
        uptimeLast = uptime;
        // Irix mode, top's default: a task busy on one CPU is at 100%, whatever the CPUs.
        etscale = 100.0f / ((float) ProcReader.HERTZ * et);
        Map<Integer, Long> tics = new HashMap<>();
        List<Task> tasks = new ArrayList<>();
        for (Proc p : proc.processes()) {
            long t = p.utime() + p.stime();
            tics.put(p.pid(), t);
            Long before = ticsLast == null ? null : ticsLast.get(p.pid());
            tasks.add(new Task(p, before == null ? t : t - before));
        }
        ticsLast = tics;
        return tasks;
    }

    /** A summary line, cut at the screen's width ({@code show_special}). */
    private void summary(StringBuilder out, String line) {
        out.append(line, 0, Math.min(line.length(), columns)).append('\n');
    }

    /** {@code STATE_line_1_fmt}: D, I and the other states count as sleeping, as procps counts them. */
    private static String tasksLine(List<Task> tasks) {
        int running = 0;
        int sleeping = 0;
        int stopped = 0;
        int zombie = 0;
        for (Task t : tasks) {
            switch (t.p().state()) {
                case 'R' -> running++;
                case 'T', 't' -> stopped++;
                case 'Z' -> zombie++;
                default -> sleeping++;
            }
        }
        return String.format("Tasks: %3d total, %3d running, %3d sleeping, %3d stopped, %3d zombie", tasks.size(),
                running, sleeping, stopped, zombie);
    }

    /**
     * {@code sum_tics} with {@code STATE_lin2x7_fmt}: each state's share of the ticks
     * since the last look (guest time counted in the total again, as procps counts
     * it); with no tick at all, 100.0 idle.
     */
    private static String cpuLine(long[] d) {
        long total = 0;
        for (long x : d) {
            total += x;
        }
        long idle = d[3];
        if (total < 1) {
            idle = 1;
            total = 1;
        }
        float scale = 100.0f / (float) total;
        return String.format("%%Cpu(s):%s us,%s sy,%s ni,%s id,%s wa,%s hi,%s si,%s st ", pct(d[0], scale),
                pct(d[2], scale), pct(d[1], scale), pct(idle, scale), pct(d[4], scale), pct(d[5], scale),
                pct(d[6], scale), pct(d[7], scale));
    }

    /** "%#5.1f" of ticks times scale, in float. */
    private static String pct(long ticks, float scale) {
        return String.format("%5s", fixed((float) ticks * scale, 1));
    }

    /**
     * {@code do_memory} in MiB: used is total less available (free when available is
     * 0 or more than total), buff/cache is Buffers + Cached + SReclaimable
     * (procps: library/meminfo.c).
     */
    private void memLines(StringBuilder out, Map<String, Long> kb) {
        long total = kb.getOrDefault("MemTotal", 0L);
        long free = kb.getOrDefault("MemFree", 0L);
        long avail = kb.getOrDefault("MemAvailable", 0L);
        if (avail == 0 || avail > total) {
            avail = free;
        }
        long used = total - avail < 0 ? total - free : total - avail;
        long cached = kb.getOrDefault("Buffers", 0L) + kb.getOrDefault("Cached", 0L)
                + kb.getOrDefault("SReclaimable", 0L);
        long swapTotal = kb.getOrDefault("SwapTotal", 0L);
        long swapFree = kb.getOrDefault("SwapFree", 0L);
        long swapUsed = swapFree < swapTotal ? swapTotal - swapFree : 0;
        summary(out, "MiB Mem : " + mib(total) + "total, " + mib(free) + "free, " + mib(used) + "used, " + mib(cached)
                + "buff/cache     ");
        summary(out, "MiB Swap: " + mib(swapTotal) + "total, " + mib(swapFree) + "free, " + mib(swapUsed) + "used. "
                + mib(avail) + "avail Mem ");
    }

    /** {@code prT}: "%#.1f " of kB in MiB in 9 characters, the ninth a '+' when it does not fit; right-aligned. */
    private static String mib(long kb) {
        String s = fixed((float) kb / 1024.0f, 1) + " ";
        return String.format("%9s", s.length() > 9 ? s.substring(0, 8) + "+" : s);
    }

    /** A task's line: %CPU capped at 100 per thread and at what the CPUs can give, %MEM of MemTotal. */
    private List<String> row(Task t, long memTotal, float cpuMax) {
        Proc p = t.p();
        long[] statm = proc.statm(p.pid());
        float u = (float) t.ticsDelta() * etscale;
        u = Math.min(u, 100.0f * p.nlwp());
        u = Math.min(u, cpuMax);
        float m = memTotal > 0 ? (float) statm[1] * 100 / (float) memTotal : 0;
        Row r = new Row(p, statm, u, m);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            texts.add(shown.get(i).cell().text(r, widths.get(i)));
        }
        return texts;
    }

    /**
     * A header or task line ({@code PUFF} in batch mode): each text aligned in its
     * field's width and followed by a space, trailing spaces dropped.
     */
    private String line(List<String> texts) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            String pad = " ".repeat(Math.max(0, widths.get(i) - text.length()));
            s.append(shown.get(i).right() ? pad + text : text + pad).append(' ');
        }
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end) + "\n";
    }

    /**
     * {@code Cpu_pmax}: with one CPU 99.9; with more, in Irix mode, 100 per CPU,
     * within what the column can show.
     */
    static float cpuMax(int cpus) {
        if (cpus <= 1) {
            return 99.9f;
        }
        float max = 100.0f * cpus;
        if (cpus > 1000) {
            return Math.min(max, 9999999.0f);
        }
        if (cpus > 100) {
            return max;
        }
        return Math.min(max, cpus > 10 ? 99999.0f : 999.9f);
    }

    /** {@code make_num}, {@code make_str}: the text, or its first width - 1 characters and a '+'. */
    static String plus(String s, int width) {
        return s.length() <= width ? s : s.substring(0, Math.max(0, width - 1)) + "+";
    }

    /** {@code scale_mem} from KiB: whole KiB, else MiB, GiB, TiB, PiB with a suffix, else "?". */
    static String scaleMem(long kib, int width) {
        String[] suffix = {"", "m", "g", "t", "p"};
        float num = kib;
        for (int i = 0; i < suffix.length; i++) {
            String s = i == 0 ? fixed(num, 0) : fixed(num, 1) + suffix[i];
            if (s.length() <= width) {
                return s;
            }
            num = (float) (num / 1024.0);
        }
        return "?";
    }

    /** {@code scale_pcnt}: one decimal, else none, else "?". */
    static String scalePcnt(float num, int width) {
        String s = fixed(num, 1);
        if (s.length() <= width) {
            return s;
        }
        s = String.format("%" + width + "s", fixed(num, 0));
        return s.length() <= width ? s : "?";
    }

    /**
     * {@code scale_tics} for TIME+: "M:SS.hh" up to 6 hours, "M:SS", "H,MM" up to 4
     * days, "Dd+Hh" and "Dd" up to 2 weeks, "Ww+Dd", "Ww": the first that fits.
     */
    static String scaleTics(long tics, int width) {
        long nt = tics * 100 / ProcReader.HERTZ;
        long cent = nt % 100;
        long secs = nt / 100;
        long mins = secs / 60;
        long hour = mins / 60;
        long days = hour / 24;
        long week = days / 7;
        List<String> tries = new ArrayList<>();
        if (mins <= 360) {
            tries.add(String.format("%d:%02d.%02d", mins, secs % 60, cent));
            tries.add(String.format("%d:%02d", mins, secs % 60));
        }
        if (hour <= 96) {
            tries.add(String.format("%d,%02d", hour, mins % 60));
        }
        if (days <= 14) {
            tries.add(days + "d+" + hour % 24 + "h");
            tries.add(days + "d");
        }
        tries.add(week + "w+" + days % 7 + "d");
        tries.add(week + "w");
        return tries.stream().filter(s -> s.length() <= width).findFirst().orElse("?");
    }

    /** printf's "%.Nf": rounded half to even on the exact binary value, as glibc rounds. */
    static String fixed(double v, int decimals) {
        return new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }

    /**
     * -n's argument as top reads a whole number ({@code mkfloat}: strtol in base 0,
     * so 0x10 and 010 are numbers too); empty when it is not one or below 1.
     */
    public static OptionalInt iterations(String arg) {
        String t = arg.strip();
        int sign = t.startsWith("-") ? -1 : 1;
        String digits = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        try {
            long n;
            if (digits.matches("0[xX][0-9a-fA-F]+")) {
                n = Long.parseLong(digits.substring(2), 16);
            } else if (digits.matches("0[0-7]*")) {
                n = Long.parseLong(digits, 8);
            } else if (digits.matches("[1-9][0-9]*")) {
                n = Long.parseLong(digits);
            } else {
                return OptionalInt.empty();
            }
            n *= sign;
            return n >= 1 && n < Integer.MAX_VALUE ? OptionalInt.of((int) n) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * -d's argument in seconds ({@code mkfloat}: strtof, with ',' for the decimal
     * point too); empty when it is not a number. A negative delay is a number: the
     * caller refuses it.
     */
    public static OptionalDouble delay(String arg) {
        String s = arg.strip().replace(',', '.');
        if (!s.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
            return OptionalDouble.empty();
        }
        double d = Double.parseDouble(s);
        return d < Integer.MAX_VALUE ? OptionalDouble.of(d) : OptionalDouble.empty();
    }
}
