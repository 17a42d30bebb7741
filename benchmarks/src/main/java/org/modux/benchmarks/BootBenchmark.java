package org.modux.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Times whole commands, as a user meets them, for the foundation's figures:
 * <ul>
 * <li>boot: wall time of {@code bin/modux -c 'cat /proc/uptime'} from start to exit,
 * against a bare Felix + SCR + Gogo launch that runs one shell command and stops,
 * keeping its bundle cache as Modux keeps its own (and, for comparison with earlier
 * figures, one that empties it at each launch), interleaved in the same run so the
 * machine's noise hits all alike;</li>
 * <li>idle footprint: resident memory (VmRSS) of Modux booted to its interactive
 * prompt, on a pseudo-terminal made by util-linux's {@code script}.</li>
 * </ul>
 * Writes the figures to docs/benchmarks.md. Run by benchmarks/run; a single-file
 * program, so it needs only a JDK 21+.
 */
public final class BootBenchmark {

    private static final int WARMUP = 2;
    /** Where benchmarks/run-modules' section starts in docs/benchmarks.md. */
    private static final String MODULES_HEADING = "## Kernel modules";
    /** bin/modux's JVM flags, given to the peer too. */
    private static final String JVM_FLAGS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto -Xss512k"
            + " -Djdk.reflect.useNativeAccessorOnly=true --add-opens java.base/java.lang=ALL-UNNAMED";

    public static void main(String[] args) throws Exception {
        Path dist = Path.of(args[0]);
        Path bare = Path.of(args[1]);
        Path report = Path.of(args[2]);
        int runs = Integer.parseInt(args[3]);
        String java = ProcessHandle.current().info().command().orElse("java");

        List<String> modux = List.of(dist.resolve("bin/modux").toString(), "-c", "cat /proc/uptime");
        List<String> felix = bareFelix(java, bare, false);
        List<String> felixClean = bareFelix(java, bare, true);
        for (int i = 0; i < WARMUP; i++) {
            time(modux);
            time(felix);
            time(felixClean);
        }
        List<Double> moduxTimes = new ArrayList<>();
        List<Double> felixTimes = new ArrayList<>();
        List<Double> felixCleanTimes = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            moduxTimes.add(time(modux));
            felixTimes.add(time(felix));
            felixCleanTimes.add(time(felixClean));
        }
        List<Long> rss = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Idle idle = idle(dist);
            rss.add(idle.rssKiB());
            cpu.add(idle.cpuPercent());
        }
        String md = report(runs, moduxTimes, felixTimes, felixCleanTimes, rss, cpu);
        System.out.print(md);
        Files.writeString(report, md + laterSections(report));
    }

    /**
     * A bare Felix (felix main, auto-deploying SCR and Gogo) whose shell runs one command
     * and stops. Its profile is empty, as Modux's is: Gogo's default one fails without a
     * line reader, and the shell then never stops the framework. It keeps its bundle
     * cache from one launch to the next, as Felix does by default and as Modux keeps
     * its boot image; with {@code clean}, it empties the cache at each launch instead
     * (the reference until Modux kept its cache).
     */
    private static List<String> bareFelix(String java, Path bare, boolean clean) throws IOException {
        Path conf = Files.createTempDirectory("bare-felix");
        Files.createDirectories(conf.resolve("etc"));
        Files.writeString(conf.resolve("etc/gosh_profile"), "");
        Files.writeString(conf.resolve("config.properties"), String.join("\n",
                "org.osgi.framework.storage=" + conf.resolve("cache"),
                clean ? "org.osgi.framework.storage.clean=onFirstInit" : "",
                "felix.auto.deploy.dir=" + bare.resolve("bundle"),
                "felix.auto.deploy.action=install,start",
                "gosh.home=" + conf,
                "gosh.args=-c echo hello", ""));
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(List.of(JVM_FLAGS.split(" ")));
        cmd.addAll(List.of("-XX:SharedArchiveFile=" + conf.resolve("felix.jsa"), "-XX:+AutoCreateSharedArchive"));
        if (Runtime.version().feature() >= 24) {
            cmd.addAll(List.of("--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"));
        }
        cmd.addAll(List.of("-Dorg.jline.terminal.dumb=true",
                "-Dfelix.config.properties=" + conf.resolve("config.properties").toUri(),
                "-jar", bare.resolve("bin/org.apache.felix.main.jar").toString()));
        return cmd;
    }

    /** Seconds from start to exit; fails if the command fails or takes over a minute. */
    private static double time(List<String> cmd) throws IOException, InterruptedException {
        Path log = Files.createTempFile("bench", ".log");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        boolean exited = p.waitFor(60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!exited) {
            p.destroyForcibly();
        }
        String out = Files.readString(log);
        Files.delete(log);
        if (!exited || p.exitValue() != 0) {
            throw new IllegalStateException(cmd + " failed:\n" + out);
        }
        return seconds;
    }

    /** An idle Modux: its JVM's resident memory, and the host CPU it used, percent of one core. */
    private record Idle(long rssKiB, double cpuPercent) {
    }

    /** Seconds over which the idle CPU use is measured. */
    private static final int IDLE_SECONDS = 10;

    /**
     * Boots Modux on a pty, waits for its prompt, settles, reads the JVM's VmRSS and
     * its CPU time (utime + stime of /proc/PID/stat) over {@value #IDLE_SECONDS} s,
     * powers off.
     */
    private static Idle idle(Path dist) throws Exception {
        Process script = new ProcessBuilder("script", "-qfec", dist.resolve("bin/modux").toString(), "/dev/null")
                .redirectErrorStream(true).start();
        InputStream in = script.getInputStream();
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!seen.toString().contains("root@modux:") && System.nanoTime() < deadline) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            seen.append((char) b);
        }
        if (!seen.toString().contains("root@modux:")) {
            script.destroyForcibly();
            throw new IllegalStateException("no prompt:\n" + seen);
        }
        Thread.sleep(3000);
        ProcessHandle jvm = findJava(script.toHandle()).orElseThrow();
        long rss = vmRss(jvm.pid());
        long ticks0 = cpuTicks(jvm.pid());
        long t0 = System.nanoTime();
        Thread.sleep(IDLE_SECONDS * 1000L);
        long ticks1 = cpuTicks(jvm.pid());
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuPercent = 100.0 * (ticks1 - ticks0) / CLK_TCK / seconds;
        OutputStream keys = script.getOutputStream();
        keys.write("poweroff\n".getBytes(StandardCharsets.UTF_8));
        keys.flush();
        Thread drain = new Thread(() -> {
            try {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // The pty closed: the machine is off.
            }
        });
        drain.start();
        if (!script.waitFor(60, TimeUnit.SECONDS)) {
            script.destroyForcibly();
        }
        return new Idle(rss, cpuPercent);
    }

    /** {@code sysconf(_SC_CLK_TCK)} on Linux. */
    private static final int CLK_TCK = 100;

    /** utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static Optional<ProcessHandle> findJava(ProcessHandle root) {
        return root.descendants().filter(h -> h.info().command().orElse("").endsWith("/java")).findFirst();
    }

    private static long vmRss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static String report(int runs, List<Double> modux, List<Double> felix, List<Double> felixClean,
            List<Long> rss, List<Double> cpu) {
        double m = median(modux);
        double f = median(felix);
        double fc = median(felixClean);
        List<Long> sortedRss = new ArrayList<>(rss);
        Collections.sort(sortedRss);
        long rssMedian = sortedRss.get(sortedRss.size() / 2);
        String when = ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME);
        return String.format("""
                # Benchmarks

                Latest figures, measured by `benchmarks/run` on %s
                (%d cores, JDK %s). The machine is shared and noisy: ratios to a peer measured
                in the same run mean more than absolute times.

                ## Boot (issue: foundation)

                Wall time of `bin/modux -c 'cat /proc/uptime'` from start to exit, against a
                bare Felix + SCR + Gogo launch (felix main) whose shell runs `echo hello` and
                stops; %d interleaved runs of each after %d warm-up runs.

                | figure | median | min | max | target |
                |---|---|---|---|---|
                | Modux boot, run, power off | %.3f s | %.3f s | %.3f s | < 1.0 s |
                | bare Felix + SCR + Gogo, one command | %.3f s | %.3f s | %.3f s | |
                | ratio Modux / bare Felix | %.2f | | | <= 1.3 |
                | bare Felix, bundle cache emptied at each launch | %.3f s | %.3f s | %.3f s | |
                | ratio Modux / that bare Felix | %.2f | | | |

                How each side is launched:

                - Both: the JVM flags `%s`,
                  `--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED`
                  (JDK 24+), `-Dorg.jline.terminal.dumb=true`, and a class-data archive of
                  their own made by their first launch (`-XX:SharedArchiveFile=...
                  -XX:+AutoCreateSharedArchive`).
                - Both keep their bundle cache from one launch to the next: Felix's default,
                  and Modux's boot image (system bundles installed and never started, SCR's
                  parsed component descriptions; what a boot added is removed before the
                  next one starts). The last rows show the peer emptying its cache at each
                  launch instead, as it did before Modux kept its own.
                - Modux: `bin/modux` (a shell script that finds a JDK 21+) starts its
                  launcher, which starts the start levels itself: Gogo, jline,
                  Configuration Admin and Metatype on a second thread while the kernel
                  boots; gogo.jline's commands registered by init, without gogo.jline's
                  own shell and terminal. The peer starts its bundles from Felix's
                  start-level thread, and its Gogo shell builds a terminal to run the command.

                ## Idle footprint

                Resident memory (VmRSS) of the JVM of a Modux booted to its interactive prompt
                (`bin/modux` on a pseudo-terminal from `script`, 3 s after the prompt, two
                CPUs as etc/cmdline gives them), and the host CPU time the JVM used over the
                next %d s (utime + stime from /proc/PID/stat), 3 boots.

                | figure | median | runs | target |
                |---|---|---|---|
                | idle RSS at the prompt | %.1f MiB | %s KiB | < 150 MiB |
                | idle host CPU at the prompt, percent of one core | %.2f %% | %s | < 2 %% |

                ## How to reproduce

                ```
                benchmarks/run        # or: benchmarks/run 20
                ```
                It builds what is missing, runs the launches interleaved, measures the
                footprint, and rewrites this file.
                """, when, Runtime.getRuntime().availableProcessors(), Runtime.version(), runs, WARMUP,
                m, Collections.min(modux), Collections.max(modux),
                f, Collections.min(felix), Collections.max(felix), m / f,
                fc, Collections.min(felixClean), Collections.max(felixClean), m / fc,
                JVM_FLAGS, IDLE_SECONDS, rssMedian / 1024.0, rss, median(cpu),
                cpu.stream().map(c -> String.format("%.2f", c)).toList());
    }

    /** What other harnesses wrote after the boot figures (benchmarks/run-modules' section), kept as it is. */
    private static String laterSections(Path report) throws IOException {
        if (!Files.exists(report)) {
            return "";
        }
        String text = Files.readString(report);
        int modules = text.indexOf("\n" + MODULES_HEADING);
        return modules < 0 ? "" : "\n" + text.substring(modules + 1);
    }
}
