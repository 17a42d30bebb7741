package org.modux.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The execution core's context-switch figure, measured side by side with its peers
 * in one run, interleaved so that the machine's noise hits all alike:
 * <ul>
 * <li>Modux: the sched_pingpong module's two kthreads on CPU 0 handing it to each
 * other through completions (what {@code insmod sched_pingpong.jar rounds=N} prints),
 * in the distribution as a user starts it ({@code bin/modux -c});</li>
 * <li>Linux: two processes ping-ponging over pipes on one CPU
 * ({@code anchors/pipe.c}, run under {@code taskset -c 0});</li>
 * <li>the host JVM: two threads handing over with park/unpark
 * ({@code anchors/HostLimits.java}), platform and virtual.</li>
 * </ul>
 * Usage: {@code java SchedBenchmark.java MODUX_HOME ANCHORS OUT.md ROUNDS RUNS}
 * (benchmarks/run-sched does this). Writes the "sched" section of OUT.md.
 */
public final class SchedBenchmark {

    private static final Pattern RESULT = Pattern.compile("RESULT bench=(\\S+) unit=\\S+ value=([0-9.]+)");
    private static final Pattern PINGPONG = Pattern.compile("sched_pingpong: \\d+ round trips on CPU \\d+ in \\d+ us: (\\d+) round trips/s");

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        Path anchors = Path.of(args[1]).toAbsolutePath();
        Path out = Path.of(args[2]);
        int rounds = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[4]);
        String java = ProcessHandle.current().info().command().orElse("java");
        Path work = Files.createTempDirectory("modux-sched-bench");
        Optional<Path> pipe = compile(anchors.resolve("pipe.c"), work.resolve("pipe"));
        String release = release(home);
        List<Double> modux = new ArrayList<>();
        List<Double> moduxC2 = new ArrayList<>();
        List<Double> linux = new ArrayList<>();
        List<Double> platform = new ArrayList<>();
        List<Double> virtual = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            List<String> pingpong = List.of(home.resolve("bin/modux").toString(), "-c",
                    "insmod /lib/modules/" + release + "/kernel/samples/sched_pingpong.jar rounds=" + rounds + "; dmesg");
            modux.add(pingpong(run(pingpong, "")));
            moduxC2.add(pingpong(run(pingpong, "-XX:TieredStopAtLevel=4")));
            if (pipe.isPresent()) {
                linux.add(result(run(List.of("taskset", "-c", "0", pipe.get().toString(), "400000")), "pipe"));
            }
            String host = run(List.of(java, anchors.resolve("HostLimits.java").toString()));
            platform.add(result(host, "pingpong-platform-threads"));
            virtual.add(result(host, "pingpong-virtual-threads"));
            System.out.printf("run %d: modux %.0f (full JIT %.0f), pipe %s, platform %.0f, virtual %.0f%n", i + 1,
                    modux.getLast(), moduxC2.getLast(), linux.isEmpty() ? "-" : String.format("%.0f", linux.getLast()),
                    platform.getLast(), virtual.getLast());
        }
        double m = median(modux);
        StringBuilder r = new StringBuilder();
        r.append("| figure | Modux | peer | ratio | target |\n|---|---|---|---|---|\n");
        if (linux.isEmpty()) {
            r.append("| context switch: round trips/s, two kthreads on one CPU | ").append(String.format("%,.0f", m))
                    .append(" | Linux pipe.c: not measured (no gcc: apt-get install gcc) | | ≥ 2.0 |\n");
        } else {
            double l = median(linux);
            r.append(String.format("| context switch: round trips/s, two kthreads on one CPU, median of %d | %,.0f | %,.0f (Linux, pipe.c under taskset -c 0) | %.2f | ≥ 2.0 |%n",
                    runs, m, l, m / l));
        }
        double c2 = median(moduxC2);
        if (!linux.isEmpty()) {
            r.append(String.format("| the same with the JIT's optimizing tier (bin/modux stops at C1 for boot time; MODUX_JAVA_OPTS=-XX:TieredStopAtLevel=4) | %,.0f | %,.0f (Linux) | %.2f | |%n",
                    c2, median(linux), c2 / median(linux)));
        }
        double v = median(virtual);
        r.append(String.format("| the same against the host's bare virtual-thread hand-off | %,.0f | %,.0f (HostLimits.java, virtual threads) | %.2f | ≥ 0.40 |%n",
                m, v, m / v));
        r.append(String.format("| ... with the optimizing tier | %,.0f | %,.0f | %.2f | |%n", c2, v, c2 / v));
        r.append(String.format("| (for scale) platform threads parking and unparking each other | | %,.0f (HostLimits.java) | | |%n",
                median(platform)));
        r.append(String.format("%nEach run: %,d round trips; JVM flags as bin/modux gives them.%n", rounds));
        System.out.print(r);
        replaceSection(out, "sched", r.toString());
    }

    private static double pingpong(String text) {
        Matcher m = PINGPONG.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("sched_pingpong printed no result:\n" + text);
        }
        return Double.parseDouble(m.group(1));
    }

    private static Optional<Path> compile(Path source, Path binary) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder("gcc", "-O2", "-o", binary.toString(), source.toString()).inheritIO().start();
            return p.waitFor() == 0 ? Optional.of(binary) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String release(Path home) throws IOException {
        try (var dirs = Files.list(home.resolve("lib/modules"))) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).findFirst()
                    .orElseThrow(() -> new IOException("no lib/modules/RELEASE in " + home));
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        return run(command, null);
    }

    /** Runs {@code command}; {@code moduxJavaOpts}, if not null, goes to bin/modux's MODUX_JAVA_OPTS. */
    private static String run(List<String> command, String moduxJavaOpts) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (moduxJavaOpts != null) {
            pb.environment().put("MODUX_JAVA_OPTS", moduxJavaOpts);
        }
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + text);
        }
        return text;
    }

    private static double result(String text, String bench) {
        Matcher m = RESULT.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(bench)) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new IllegalStateException("no RESULT for " + bench + " in:\n" + text);
    }

    private static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }

    private static void replaceSection(Path file, String name, String body) throws IOException {
        String begin = "<!-- " + name + ":begin -->";
        String end = "<!-- " + name + ":end -->";
        String text = Files.readString(file);
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        String section = begin + "\n" + body + end;
        text = b >= 0 && e > b ? text.substring(0, b) + section + text.substring(e + end.length())
                : text.stripTrailing() + "\n\n## Execution core\n\n" + section + "\n";
        Files.writeString(file, text);
    }
}
