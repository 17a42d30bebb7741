package org.modux.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The kmod tools in the built distribution, as a user runs them: the build's
 * depmod wrote lib/modules/RELEASE's indexes, and modprobe finds hello through
 * them in /lib, the distribution's lib/ mounted into the VFS.
 */
class KmodDistributionIT {

    private static final Path HOME = Path.of(System.getProperty("modux.distribution"));
    private static final String DIR = "/lib/modules/" + System.getProperty("modux.release");

    @Test
    void theBuildWroteTheIndexes() throws Exception {
        Path dir = HOME.resolve(DIR.substring(1));
        List<String> dep = Files.readAllLines(dir.resolve("modules.dep"));
        assertTrue(dep.contains("kernel/samples/hello.jar:"), dep.toString());
        assertTrue(dep.contains("kernel/samples/chain_top.jar: kernel/samples/chain_c.jar kernel/samples/chain_b.jar"
                + " kernel/samples/chain_a.jar"), dep.toString());
        assertTrue(dep.contains("extra/oot_hello.jar:"), dep.toString());
        assertEquals("# Aliases extracted from modules themselves.\n", Files.readString(dir.resolve("modules.alias")));
        assertTrue(Files.exists(dir.resolve("modules.symbols")));
    }

    @Test
    void modprobeRemovesAndLoadsHello() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(HOME.resolve("bin/modux").toString(), "-c",
                "lsmod; modprobe -r -v hello; lsmod; modprobe -v hello; modinfo -F name hello; modprobe nope");
        pb.environment().remove("JAVA_HOME");
        Process p = pb.start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "bin/modux did not exit");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.exitValue(), err);
        assertTrue(out.matches("Module                  Size  Used by\nhello +\\d+  0\n"
                + "rmmod hello\n"
                + "Module                  Size  Used by\n"
                + "insmod " + DIR + "/kernel/samples/hello.jar \n"
                + "hello\n"), out);
        assertTrue(err.contains("modprobe: FATAL: Module nope not found in directory " + DIR + "\n"), err);
        assertTrue(err.indexOf("hello: Goodbye, cruel world") < err.lastIndexOf("hello: Hello, world"), err);
    }
}
