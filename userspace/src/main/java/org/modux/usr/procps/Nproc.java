package org.modux.usr.procps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * How nproc (coreutils, nproc(1)) counts CPUs where it has no affinity mask to
 * count (the console is no task, so there is no sched_getaffinity to ask): glibc's
 * {@code get_nprocs} for the CPUs online, /sys/devices/system/cpu/online, else the
 * "cpuN" lines of /proc/stat; {@code get_nprocs_conf} for --all,
 * /sys/devices/system/cpu/possible, else the cpuN directories there, else the online
 * count. When nothing tells, gnulib's {@code num_processors} answers 1.
 */
public final class Nproc {

    private final Path root;

    /** @param root the filesystem root the tool sees */
    public Nproc(Path root) {
        this.root = root;
    }

    /** CPUs online ({@code _SC_NPROCESSORS_ONLN}). */
    public int online() {
        OptionalInt n = cpuList("sys/devices/system/cpu/online");
        if (n.isPresent()) {
            return n.getAsInt();
        }
        return procStat().orElse(1);
    }

    /** CPUs the system has ({@code _SC_NPROCESSORS_CONF}). */
    public int all() {
        OptionalInt n = cpuList("sys/devices/system/cpu/possible");
        if (n.isPresent()) {
            return n.getAsInt();
        }
        int dirs = 0;
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(root.resolve("sys/devices/system/cpu"))) {
            for (Path p : dir) {
                if (p.getFileName().toString().matches("cpu[0-9]+")) {
                    dirs++;
                }
            }
        } catch (IOException e) {
            // No sysfs CPUs: count those online.
        }
        return dirs > 0 ? dirs : online();
    }

    /** The number of CPUs in a list file such as "0-3,5". */
    private OptionalInt cpuList(String path) {
        try {
            String text = Files.readString(root.resolve(path), StandardCharsets.UTF_8).strip();
            int n = 0;
            for (String part : text.split(",")) {
                String[] r = part.split("-");
                n += r.length == 1 ? 1 : Integer.parseInt(r[1]) - Integer.parseInt(r[0]) + 1;
            }
            return n > 0 ? OptionalInt.of(n) : OptionalInt.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    /** The "cpuN" lines of /proc/stat ({@code get_nproc_stat}). */
    private OptionalInt procStat() {
        try {
            int n = (int) Files.readAllLines(root.resolve("proc/stat"), StandardCharsets.UTF_8).stream()
                    .filter(l -> l.matches("cpu[0-9]+ .*")).count();
            return n > 0 ? OptionalInt.of(n) : OptionalInt.empty();
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }
}
