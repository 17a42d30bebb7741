package org.modux.boot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * The boot image: the system bundles (system/N/*.jar, start level N) as the
 * framework's bundle cache holds them from one boot to the next, installed and
 * never started, with SCR's parsed component descriptions beside them. A boot
 * from the image skips installing the bundles and parsing their descriptors, and
 * still starts from a fresh system: bundles an earlier boot added (modules) are
 * uninstalled before anything starts, the launcher starts the system bundles
 * transiently, so the cache never records a running system, and Configuration
 * Admin keeps configurations in memory only (see Main).
 *
 * <p>The image records what it was made from (each jar's path, size and time, and
 * the launcher's own jars) in var/cache/felix.image; when that differs (a new
 * build, a moved tree, an image from an older launcher), Main boots with a
 * cleaned cache and this installs the jars afresh. Used by Main only.
 */
final class BootImage {

    private final Map<Integer, List<Path>> jars;
    private final Path record;
    private final String contents;

    private BootImage(Map<Integer, List<Path>> jars, Path record, String contents) {
        this.jars = jars;
        this.record = record;
        this.contents = contents;
    }

    /** The jars of home/system/N, by level; the image of home/var/cache/felix. */
    static BootImage scan(Path home) throws IOException {
        Map<Integer, List<Path>> jars = new TreeMap<>();
        List<Path> levels;
        try (Stream<Path> dirs = Files.list(home.resolve("system"))) {
            levels = dirs.filter(Files::isDirectory).toList();
        }
        StringBuilder contents = new StringBuilder();
        for (Path jar : List.of(home.resolve("lib/felix.jar"), home.resolve("lib/modux-launcher.jar"))) {
            describe(contents, 0, jar);
        }
        for (Path level : levels.stream()
                .sorted(Comparator.comparingInt(d -> Integer.parseInt(d.getFileName().toString()))).toList()) {
            int n = Integer.parseInt(level.getFileName().toString());
            List<Path> inLevel;
            try (Stream<Path> files = Files.list(level)) {
                inLevel = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            }
            jars.put(n, inLevel);
            for (Path jar : inLevel) {
                describe(contents, n, jar);
            }
        }
        return new BootImage(jars, home.resolve("var/cache/felix.image"), contents.toString());
    }

    private static void describe(StringBuilder s, int level, Path jar) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(jar, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            // Not in this tree (a test launch): nothing to record.
            return;
        }
        s.append(level).append(' ').append(jar).append(' ').append(a.size()).append(' ')
                .append(a.lastModifiedTime().toMillis()).append('\n');
    }

    /** True if the bundle cache holds this image, made by an earlier boot. */
    boolean cached() {
        try {
            return contents.equals(Files.readString(record, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Finds each system bundle in the cache, installing (at its start level) any
     * it lacks, and uninstalls every other bundle the cache holds. Call after the
     * framework's init and before its start. Returns the system bundles by level,
     * in order.
     */
    Map<Integer, List<Bundle>> install(BundleContext context) throws BundleException {
        Map<String, Bundle> cached = new HashMap<>();
        for (Bundle b : context.getBundles()) {
            if (b.getBundleId() != 0) {
                cached.put(b.getLocation(), b);
            }
        }
        Map<Integer, List<Bundle>> installed = new TreeMap<>();
        for (Map.Entry<Integer, List<Path>> level : jars.entrySet()) {
            List<Bundle> bundles = new ArrayList<>();
            for (Path jar : level.getValue()) {
                String location = "reference:" + jar.toUri();
                Bundle b = cached.remove(location);
                if (b == null) {
                    b = context.installBundle(location);
                    b.adapt(BundleStartLevel.class).setStartLevel(level.getKey());
                }
                bundles.add(b);
            }
            installed.put(level.getKey(), bundles);
        }
        for (Bundle leftover : cached.values()) {
            leftover.uninstall();
        }
        return installed;
    }

    /** Records that the bundle cache now holds this image. */
    void record() throws IOException {
        Files.writeString(record, contents, StandardCharsets.UTF_8);
    }
}
