package org.modux.usr.procps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the processes from /proc as procps' readproc does (procps:
 * library/readproc.c): the numeric entries of /proc in readdir order, each from its
 * stat, status and cmdline; a process that exits while being read is skipped.
 * Also what procps reads beside: /proc/uptime, /proc/loadavg, pid_max, /proc/stat's
 * btime and cpu line, /proc/meminfo and /proc/PID/statm.
 */
public final class ProcReader {

    /** USER_HZ, {@code sysconf(_SC_CLK_TCK)}. */
    public static final int HERTZ = 100;
    /** The page size in KiB ({@code sysconf(_SC_PAGESIZE)} / 1024): RISC-V's 4 KiB pages. */
    public static final int PAGE_KB = 4;

    /**
     * /proc/stat's "cpu" line (procps: library/stat.c): the ticks in user, nice,
     * system, idle, iowait, irq, softirq, steal, guest and guest_nice, summed over
     * the CPUs (a field an older kernel leaves out reads 0), and how many "cpuN"
     * lines there are.
     */
    public record CpuTimes(long[] ticks, int cpus) {
    }

    private final Path proc;

    /** @param root the filesystem root the tool sees (/proc below it) */
    public ProcReader(Path root) {
        this.proc = root.resolve("proc");
    }

    /**
     * Every process listed in /proc now, by pid: procps keeps readdir's order,
     * which procfs gives ascending; sorting gives that order on any filesystem.
     */
    public List<Proc> processes() throws IOException {
        List<Integer> pids = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(proc)) {
            for (Path p : dir) {
                String name = p.getFileName().toString();
                if (name.matches("[0-9]{1,9}")) {
                    pids.add(Integer.parseInt(name));
                }
            }
        }
        pids.sort(null);
        List<Proc> out = new ArrayList<>();
        for (int pid : pids) {
            read(proc.resolve(Integer.toString(pid))).ifPresent(out::add);
        }
        return out;
    }

    /** The process whose directory is {@code dir}, or empty if it went. */
    public Optional<Proc> read(Path dir) {
        try {
            String stat = Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8);
            String status = Files.readString(dir.resolve("status"), StandardCharsets.UTF_8);
            byte[] cmdline = Files.readAllBytes(dir.resolve("cmdline"));
            return Optional.of(parse(stat, status, cmdline));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code stat2proc}: the command is between the first '(' and the last ')', so
     * a name with spaces or parentheses does not shift the fields after it.
     */
    static Proc parse(String stat, String status, byte[] cmdline) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        int pid = Integer.parseInt(stat.substring(0, open).strip());
        String comm = stat.substring(open + 1, close);
        String[] f = stat.substring(close + 2).strip().split(" ");
        // f[0] is field 3 (state): field n is f[n - 3].
        char state = f[0].charAt(0);
        int euid = 0;
        for (String line : status.split("\n")) {
            if (line.startsWith("Uid:")) {
                euid = Integer.parseInt(line.substring(4).strip().split("\\s+")[1]);
            }
        }
        return new Proc(pid, comm, state, i(f[1]), i(f[2]), i(f[3]), i(f[4]), i(f[5]), Long.parseUnsignedLong(f[6]),
                l(f[11]), l(f[12]), i(f[15]), i(f[16]), i(f[17]), l(f[19]), i(f[36]), i(f[37]), i(f[38]), euid,
                commandLine(cmdline, comm, state));
    }

    /**
     * {@code fill_cmdline_cvt}: NULs become spaces; an empty command line shows
     * as "[comm]", with " &lt;defunct&gt;" for a zombie; unprintable bytes as '?'.
     */
    static String commandLine(byte[] raw, String comm, char state) {
        int n = raw.length;
        while (n > 0 && raw[n - 1] == 0) {
            n--;
        }
        if (n == 0) {
            return "[" + escape(comm) + "]" + (state == 'Z' ? " <defunct>" : "");
        }
        StringBuilder s = new StringBuilder(n);
        String text = new String(raw, 0, n, StandardCharsets.UTF_8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            s.append(c == 0 ? ' ' : c);
        }
        return escape(s.toString());
    }

    /** {@code escape_str}: control characters print as '?'. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(c < ' ' || c == 0x7f ? '?' : c);
        }
        return out.toString();
    }

    private static int i(String s) {
        return Integer.parseInt(s);
    }

    private static long l(String s) {
        return Long.parseLong(s);
    }

    /** Seconds since boot from /proc/uptime ({@code procps_uptime}). */
    public double uptime() throws IOException {
        String[] f = Files.readString(proc.resolve("uptime"), StandardCharsets.UTF_8).strip().split("\\s+");
        return Double.parseDouble(f[0]);
    }

    /** The 1, 5 and 15 minute load averages from /proc/loadavg, or empty without it ({@code procps_loadavg}). */
    public Optional<double[]> loadavg() {
        try {
            String[] f = Files.readString(proc.resolve("loadavg"), StandardCharsets.UTF_8).strip().split("\\s+");
            return Optional.of(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]),
                Double.parseDouble(f[2])});
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code procps_pid_length}: the digits of the largest pid, pid_max - 1, from
     * /proc/sys/kernel/pid_max; 5 when it cannot be read.
     */
    public int pidLength() {
        try {
            long max = Long.parseLong(Files.readString(proc.resolve("sys/kernel/pid_max")).strip());
            return max > 0 ? Long.toString(max - 1).length() : 5;
        } catch (IOException | RuntimeException e) {
            return 5;
        }
    }

    /**
     * Boot time, seconds since the epoch: /proc/stat's btime as procps reads it,
     * or, where there is no /proc/stat, {@code now} less /proc/uptime.
     */
    public long bootTime(long now) throws IOException {
        try {
            for (String line : Files.readAllLines(proc.resolve("stat"), StandardCharsets.UTF_8)) {
                if (line.startsWith("btime ")) {
                    return Long.parseLong(line.substring(6).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // No /proc/stat: work it out from the uptime.
        }
        return now - (long) uptime();
    }

    /** /proc/stat's cpu line and CPU count ({@code procps_stat_reap}). */
    public CpuTimes cpuTimes() throws IOException {
        long[] ticks = new long[10];
        int cpus = 0;
        for (String line : Files.readAllLines(proc.resolve("stat"), StandardCharsets.UTF_8)) {
            String[] f = line.strip().split("\\s+");
            if (f[0].equals("cpu")) {
                for (int i = 1; i < f.length && i <= ticks.length; i++) {
                    ticks[i - 1] = Long.parseLong(f[i]);
                }
            } else if (f[0].matches("cpu[0-9]+")) {
                cpus++;
            }
        }
        return new CpuTimes(ticks, cpus);
    }

    /** /proc/meminfo's fields in kB by name; empty when there is no /proc/meminfo. */
    public Optional<Map<String, Long>> meminfo() {
        try {
            Map<String, Long> kb = new HashMap<>();
            for (String line : Files.readAllLines(proc.resolve("meminfo"), StandardCharsets.UTF_8)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    String value = line.substring(colon + 1).strip().split("\\s+")[0];
                    kb.put(line.substring(0, colon), Long.parseLong(value));
                }
            }
            return Optional.of(kb);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * /proc/PID/statm in KiB: size, resident, shared, text, lib, data, dt; zeros
     * for a process that went.
     */
    public long[] statm(int pid) {
        try {
            String[] f = Files.readString(proc.resolve(pid + "/statm"), StandardCharsets.UTF_8).strip().split(" ");
            return Arrays.stream(f).mapToLong(pages -> Long.parseLong(pages) * PAGE_KB).toArray();
        } catch (IOException | RuntimeException e) {
            return new long[7];
        }
    }

    /** The reader's own tty_nr from /proc/self/stat; 0 (none) when /proc/self does not resolve. */
    public int selfTty() {
        return read(proc.resolve("self")).map(Proc::ttyNr).orElse(0);
    }
}
