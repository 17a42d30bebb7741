package org.modux.usr.procps;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A /proc of files as Modux's procfs writes them, made in a temporary directory for the procps tools. */
final class FakeProc {

    final Path root;

    FakeProc(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(root.resolve("proc"));
        Files.writeString(root.resolve("proc/uptime"), "1391.12 1941.87\n");
    }

    static String sample(String path) throws IOException {
        try (InputStream in = FakeProc.class.getResourceAsStream("/linux-samples/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * A kernel thread as /proc/PID shows it: stat's 52 fields, status with its Uid
     * line, an empty cmdline. {@code priority} is stat's field 18.
     */
    void kthread(int pid, int ppid, String comm, char state, int priority, int nice, int policy, int rtprio, int cpu,
            long startTicks, long ticks) throws IOException {
        Path dir = root.resolve("proc/" + pid);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("stat"), pid + " (" + comm + ") " + state + " " + ppid + " 0 0 0 -1 2129984 0 0 0 0 "
                + ticks + " 0 0 0 " + priority + " " + nice + " 1 0 " + startTicks
                + " 0 0 18446744073709551615 0 0 0 0 0 0 0 2147483647 0 1 0 0 17 " + cpu + " " + rtprio + " " + policy
                + " 0 0 0 0 0 0 0 0 0 0 0\n");
        Files.writeString(dir.resolve("status"), "Name:\t" + comm + "\nUmask:\t0022\nState:\t" + state
                + " (sleeping)\nTgid:\t" + pid + "\nNgid:\t0\nPid:\t" + pid + "\nPPid:\t" + ppid
                + "\nTracerPid:\t0\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n");
        Files.write(dir.resolve("cmdline"), new byte[0]);
    }

    /**
     * A process as a real Linux's /proc showed it: its stat and statm lines as read,
     * with a status that says root and an empty command line.
     */
    void process(String stat, String statm) throws IOException {
        String pid = stat.substring(0, stat.indexOf(' '));
        Path dir = root.resolve("proc/" + pid);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("stat"), stat + "\n");
        Files.writeString(dir.resolve("statm"), statm + "\n");
        Files.writeString(dir.resolve("status"), "Name:\tx\nUid:\t0\t0\t0\t0\n");
        Files.write(dir.resolve("cmdline"), new byte[0]);
    }

    /**
     * The kernel threads of a ps -eo pid,ppid,stat,ni,pri,psr,comm listing, made
     * back into /proc: "-" for NI is SCHED_FIFO 99, PRI is 39 - priority.
     */
    void fromPsEo(String listing) throws IOException {
        listing.lines().skip(1).forEach(line -> {
            String[] f = line.strip().split("\\s+");
            boolean rt = f[3].equals("-");
            int pri = Integer.parseInt(f[4]);
            try {
                kthread(Integer.parseInt(f[0]), Integer.parseInt(f[1]), f[6], f[2].charAt(0), 39 - pri,
                        rt ? 0 : Integer.parseInt(f[3]), rt ? 1 : 0, rt ? 99 : 0, Integer.parseInt(f[5]), 25, 0);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
    }
}
