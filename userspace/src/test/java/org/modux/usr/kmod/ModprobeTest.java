package org.modux.usr.kmod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * modprobe over a module tree and configuration on a host directory, against a
 * fake kernel: lookup, load order, options, blacklist, dry runs and removal, with
 * kmod's messages.
 */
class ModprobeTest {

    static final String DIR = "/lib/modules/0.1.0-modux";

    @TempDir
    Path root;

    private FakeKernel kernel;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> commands = new ArrayList<>();

    @BeforeEach
    void tree() throws Exception {
        Path dir = root.resolve(DIR.substring(1));
        DepmodTest.tree(dir);
        new Depmod(Depmod.scan(dir, w -> { })).write(dir);
        kernel = new FakeKernel(root);
        conf("");
    }

    private void conf(String text) throws IOException {
        Files.createDirectories(root.resolve("etc/modprobe.d"));
        Files.writeString(root.resolve("etc/modprobe.d/test.conf"), text);
    }

    private Modprobe modprobe(String cmdline, String... flags) throws IOException {
        Modprobe.Flags f = new Modprobe.Flags();
        int verbose = KmodLog.LOG_WARNING;
        for (String s : flags) {
            switch (s) {
                case "-n" -> f.dryRun = true;
                case "-v" -> verbose++;
                case "-q" -> verbose = KmodLog.LOG_EMERG;
                case "-b" -> f.useBlacklist = true;
                case "-f" -> f.force = true;
                case "-D" -> {
                    f.dryRun = true;
                    f.show = true;
                    f.ignoreLoaded = true;
                }
                case "--first-time" -> f.firstTime = true;
                default -> throw new IllegalArgumentException(s);
            }
        }
        f.show |= verbose > KmodLog.LOG_WARNING;
        KmodLog log = new KmodLog("modprobe", new PrintStream(err, true, StandardCharsets.UTF_8), verbose);
        ModprobeConfig config = ModprobeConfig.load(root, DIR, cmdline, log::error);
        return new Modprobe(root, config, new ModuleIndex(root.resolve(DIR.substring(1)), DIR), kernel, log,
                new PrintStream(out, true, StandardCharsets.UTF_8), f, (m, c) -> {
                    commands.add(m + ": " + c);
                    return c.contains("false") ? 1 : 0;
                });
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void loadsDependenciesDeepestFirstWithMergedOptions() throws Exception {
        conf("options c from_conf=1\noptions mod-a a=1\n");
        assertEquals(0, modprobe("mem=256M c.from_cmdline=2 other.x=3", "-v").insmod("c", null, "arg=3 msg=\"a b\""));
        assertEquals(List.of(
                "init_module " + DIR + "/kernel/lib/mod-a.jar 'a=1 '",
                "init_module " + DIR + "/kernel/lib/mod_b.jar ''",
                "init_module " + DIR + "/extra/c.jar 'from_conf=1 from_cmdline=2 arg=3 msg=\"a b\"'"), kernel.calls);
        assertEquals("insmod " + DIR + "/kernel/lib/mod-a.jar a=1 \n"
                + "insmod " + DIR + "/kernel/lib/mod_b.jar \n"
                + "insmod " + DIR + "/extra/c.jar from_conf=1 from_cmdline=2 arg=3 msg=\"a b\"\n", out());
        assertEquals("", err());
    }

    @Test
    void dryRunPrintsWhatWouldLoadAndSkipsWhatIsLoaded() throws Exception {
        assertEquals(0, modprobe(null).insmod("mod-a", null, null));
        kernel.calls.clear();
        assertEquals(0, modprobe(null, "-n", "-v").insmod("c", null, null));
        assertEquals("insmod " + DIR + "/kernel/lib/mod_b.jar \ninsmod " + DIR + "/extra/c.jar \n", out());
        assertEquals(List.of(), kernel.calls);
        out.reset();
        assertEquals(0, modprobe(null, "-D").insmod("c", null, null));
        assertEquals("insmod " + DIR + "/kernel/lib/mod-a.jar \ninsmod " + DIR + "/kernel/lib/mod_b.jar \n"
                + "insmod " + DIR + "/extra/c.jar \n", out(), "--show-depends ignores what is loaded");
        assertEquals(0, modprobe(null, "-n").insmod("c", null, null));
        assertEquals(3, out().lines().count(), "-n alone prints nothing");
    }

    @Test
    void aliasesFromModulesAndConfiguration() throws Exception {
        conf("alias my-* d\n");
        assertEquals(0, modprobe(null).insmod("fs-a", null, null));
        assertEquals(Set.of("mod_a"), kernel.loaded(), "an alias with '-' matches as kmod's index keys it");
        assertEquals(0, modprobe(null).insmod("pci:v00001234d00005678", null, null));
        assertEquals(0, modprobe(null).insmod("my-thing", null, null));
        assertEquals(0, modprobe(null).insmod("symbol:org.example.b.B", null, null));
        assertEquals(Set.of("mod_a", "mod_b", "c", "d"), kernel.loaded());
    }

    @Test
    void notFoundIsFatal() throws Exception {
        Modprobe m = modprobe(null);
        KmodLog.Exit e = assertThrows(KmodLog.Exit.class, () -> m.insmod("nope", null, null));
        assertEquals(1, e.status());
        assertEquals("modprobe: FATAL: Module nope not found in directory " + DIR + "\n", err());
        err.reset();
        assertEquals(-2, modprobe(null, "-q").insmod("nope", null, null), "-q: silent, still a failure");
        assertEquals("", err());
    }

    @Test
    void blacklistAppliesToAliasesAndWithUseBlacklistToNames() throws Exception {
        conf("blacklist d\nalias dee d\n");
        assertEquals(0, modprobe(null).insmod("dee", null, null));
        assertEquals(Set.of(), kernel.loaded(), "blacklisted, found through an alias: not loaded, no error");
        assertEquals(0, modprobe(null, "-b").insmod("d", null, null));
        assertEquals(Set.of(), kernel.loaded());
        assertEquals(0, modprobe("modprobe.blacklist=mod_a", "-b").insmod("mod_a", null, null));
        assertEquals(Set.of(), kernel.loaded());
        assertEquals(0, modprobe(null).insmod("d", null, null));
        assertEquals(Set.of("d"), kernel.loaded(), "by its own name it loads");
    }

    @Test
    void firstTimeAndKernelErrors() throws Exception {
        assertEquals(0, modprobe(null).insmod("d", null, null));
        assertEquals(0, modprobe(null).insmod("d", null, null), "already loaded: quietly done");
        assertEquals(-17, modprobe(null, "--first-time").insmod("d", null, null));
        assertEquals("modprobe: ERROR: could not insert 'd': Module already in kernel\n", err());
        err.reset();
        assertEquals(-22, modprobe(null).insmod("mod_a", null, "bad=1"));
        assertEquals("modprobe: ERROR: could not insert 'mod_a': Invalid argument\n", err());
    }

    @Test
    void softdepsAndInstallCommands() throws Exception {
        conf("softdep d pre: mod_a post: mod_b\ninstall c echo installing $CMDLINE_OPTS\ninstall mod_b false\n");
        assertEquals(0, modprobe(null, "-v").insmod("d", null, null));
        assertEquals(List.of("init_module " + DIR + "/kernel/lib/mod-a.jar ''", "init_module " + DIR + "/kernel/d.jar ''"),
                kernel.calls);
        assertEquals(List.of("mod_b: false"), commands, "a failing post softdep is ignored");
        assertEquals("modprobe: ERROR: Error running install command 'false' for module mod_b: retcode 1\n", err());
        assertEquals(-22, modprobe(null).insmod("c", null, "x=1"), "a dependency's failure fails the load");
        conf("install c echo installing $CMDLINE_OPTS\ninstall mod_b echo b\n");
        commands.clear();
        assertEquals(0, modprobe(null, "-v").insmod("c", null, "x=1"));
        assertEquals(List.of("mod_b: echo b", "c: echo installing x=1"), commands);
        assertEquals("install echo b \ninstall echo installing $CMDLINE_OPTS x=1\n",
                out().substring(out().indexOf("install echo b")));
    }

    @Test
    void removeTakesUnusedDependenciesAlong() throws Exception {
        assertEquals(0, modprobe(null).insmod("mod_b", null, null));
        assertEquals(0, modprobe(null).insmod("d", null, null));
        kernel.calls.clear();
        Modprobe m = modprobe(null);
        KmodLog.Exit busy = assertThrows(KmodLog.Exit.class, () -> m.rmmod("mod-a"));
        assertEquals(1, busy.status());
        assertEquals("modprobe: FATAL: Module mod_a is in use.\n", err());
        assertEquals(0, modprobe(null, "-v").rmmod("mod_b"));
        assertEquals("rmmod mod_b\nrmmod mod_a\n", out());
        assertEquals(List.of("delete_module mod_b", "delete_module mod_a"), kernel.calls);
        assertEquals(Set.of("d"), kernel.loaded());
        assertEquals(0, modprobe(null).rmmod("c"), "not loaded: nothing to do");
        err.reset();
        assertEquals(-2, modprobe(null, "-q", "--first-time").rmmod("c"));
        assertEquals("", err());
    }

    /** modprobe(8): "-r ... and the modules it depends on, if they are unused": the whole chain goes, nearest first. */
    @Test
    void removeTakesAWholeUnusedChain() throws Exception {
        assertEquals(0, modprobe(null).insmod("c", null, null));
        kernel.calls.clear();
        assertEquals(0, modprobe(null, "-v").rmmod("c"));
        assertEquals("rmmod c\nrmmod mod_b\nrmmod mod_a\n", out());
        assertEquals(Set.of(), kernel.loaded());
    }

    @Test
    void forceFlagsReachTheKernel() throws Exception {
        assertEquals(0, modprobe(null, "-f").insmod("d", null, null));
        assertEquals("init_module " + DIR + "/kernel/d.jar '' flags=3", kernel.calls.get(0));
    }
}
