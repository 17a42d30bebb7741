package org.modux.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the built distribution as a user does, as a separate process: bin/modux
 * finds its own JDK 21+ (the JVM running Maven may be older), boots, runs the
 * commands, powers off and exits with the last command's status.
 */
class DistributionIT {

    private record Run(String out, String err, int status) {
    }

    private static Run modux(String stdin, String... args) throws IOException, InterruptedException {
        return moduxAt(Path.of(System.getProperty("modux.distribution")), stdin, args);
    }

    private static Run moduxAt(Path home, String stdin, String... args) throws IOException, InterruptedException {
        Path bin = home.resolve("bin/modux");
        List<String> command = new ArrayList<>(List.of(bin.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("JAVA_HOME");
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "bin/modux did not exit");
        return new Run(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8), p.exitValue());
    }

    @Test
    void commandModePrintsOutputAndExitsWithLastStatus() throws Exception {
        Run ok = modux(null, "-c", "cat /proc/cmdline; uname -s");
        assertEquals(0, ok.status(), ok.err());
        assertEquals("mem=256M smp=2\nModux\n", ok.out());
        assertTrue(ok.err().contains("] Modux version "), ok.err());
        assertTrue(ok.err().contains("] reboot: Power down"), ok.err());

        Run failed = modux(null, "-c", "uname -s; cat /proc/nope");
        assertEquals(1, failed.status());
        assertEquals("Modux\n", failed.out());
        assertTrue(failed.err().contains("cat: /proc/nope: No such file or directory\n"), failed.err());
    }

    /** Gogo's shell commands (gogo.jline's, registered by init) work from the first line. */
    @Test
    void gogoCommandsAreThereForTheFirstLine() throws Exception {
        Run r = modux(null, "-c", "each [a b] { echo $it }; cat /proc/cmdline | wc -w");
        assertEquals(0, r.status(), r.err());
        assertEquals("a\nb\n2\n", r.out());
    }

    @Test
    void commandLineWordsReachTheKernel() throws Exception {
        Run r = modux(null, "smp=3", "quiet", "-c", "cat /proc/cmdline; nosuchcommand");
        assertEquals("mem=256M smp=2 smp=3 quiet\n", r.out());
        assertEquals(127, r.status(), r.err());
        assertTrue(r.err().contains("sh: nosuchcommand: not found"), r.err());
        assertTrue(!r.err().contains("Modux version"), "quiet keeps info messages off the console");
    }

    @Test
    void etcAndLibAreTheDistributionsOwnInTheVfs() throws Exception {
        String release = System.getProperty("modux.release");
        Run r = modux(null, "-c", "cat /etc/hostname; ls /lib/modules/" + release + "; cat /proc/mounts");
        assertEquals(0, r.status(), r.err());
        List<String> out = r.out().lines().toList();
        assertEquals(List.of("modux", "extra", "kernel"), out.subList(0, 3));
        assertTrue(out.stream().anyMatch(l -> l.matches("none /etc hostfs rw,relatime,/.*/modux/etc 0 0")), r.out());
        assertTrue(out.stream().anyMatch(l -> l.matches("none /lib hostfs rw,relatime,/.*/modux/lib 0 0")), r.out());
    }

    @Test
    void commandsPipedOnStdinRun() throws Exception {
        Run r = modux("echo 7 > /proc/sys/kernel/printk\ncat /proc/sys/kernel/printk\n");
        assertEquals(0, r.status(), r.err());
        assertEquals("7\t4\t1\t7\n", r.out());
    }

    @Test
    void poweroffStopsModulesBeforeTheKernel() throws Exception {
        Run r = modux("poweroff\n");
        assertEquals(0, r.status(), r.err());
        int goodbye = r.err().indexOf("hello: Goodbye, cruel world");
        int powerDown = r.err().indexOf("reboot: Power down");
        assertTrue(goodbye > 0 && powerDown > goodbye, r.err());
    }

    /** The boot image keeps the system bundles between boots, never what a boot added. */
    @Test
    void aBundleInstalledInOneBootIsGoneInTheNext(@TempDir Path tmp) throws Exception {
        Path jar = tmp.resolve("leftover.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "org.modux.itests.leftover");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.finish();
        }
        Run first = modux(null, "-c", "felix:install " + jar.toUri() + "; felix:lb");
        assertEquals(0, first.status(), first.err());
        assertTrue(first.out().contains("org.modux.itests.leftover"), first.out());

        Run next = modux(null, "-c", "felix:lb");
        assertEquals(0, next.status(), next.err());
        assertTrue(next.out().contains("hello"), next.out());
        assertFalse(next.out().contains("org.modux.itests.leftover"), next.out());
    }

    /** A copy of the tree, cache and all, boots from its own jars. */
    @Test
    void aMovedTreeBoots(@TempDir Path tmp) throws Exception {
        Path home = Path.of(System.getProperty("modux.distribution"));
        modux(null, "-c", "true");
        Path copy = tmp.resolve("modux");
        try (Stream<Path> files = Files.walk(home)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(home.relativize(f).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Run r = moduxAt(copy, null, "-c", "felix:lb -l");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains(copy.resolve("system/2/core-kernel.jar").toUri().toString()), r.out());
        assertFalse(r.out().contains(home.resolve("system").toUri().toString()), r.out());
        assertFalse(r.out().contains("ERROR"), r.out());
    }

    /** The interactive console on a pseudo-terminal (util-linux's script), as a person types. */
    @Test
    void terminalConsolePromptsAndCtrlDPowersOff() throws Exception {
        Path bin = Path.of(System.getProperty("modux.distribution"), "bin", "modux");
        ProcessBuilder pb = new ProcessBuilder("script", "-qfec", bin.toString(), "/dev/null");
        pb.environment().remove("JAVA_HOME");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        StringBuilder screen = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                int c;
                while ((c = p.getInputStream().read()) >= 0) {
                    synchronized (screen) {
                        screen.append((char) c);
                    }
                }
            } catch (IOException e) {
                // The pty closed with the machine.
            }
        });
        reader.start();
        waitFor(screen, "root@modux:~# ");
        p.getOutputStream().write("cd /proc/sys; cat kernel/ostype\r".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        waitFor(screen, "root@modux:/proc/sys# ");
        p.getOutputStream().write(4);
        p.getOutputStream().flush();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "no power-off after Ctrl-D");
        reader.join(5000);
        String text;
        synchronized (screen) {
            text = screen.toString();
        }
        assertEquals(0, p.exitValue(), text);
        assertTrue(text.contains("Modux\r\n"), text);
        assertTrue(text.indexOf("logout") < text.indexOf("reboot: Power down"), text);
    }

    private static void waitFor(StringBuilder screen, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            synchronized (screen) {
                if (screen.indexOf(text) >= 0) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        synchronized (screen) {
            throw new AssertionError("no '" + text + "' on the screen:\n" + screen);
        }
    }
}
