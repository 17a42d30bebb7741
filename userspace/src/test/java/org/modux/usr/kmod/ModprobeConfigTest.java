package org.modux.usr.kmod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** modprobe.d(5) as libkmod parses it: commands, continuation lines, bad lines, file order, the kernel command line. */
class ModprobeConfigTest {

    @TempDir
    Path root;

    private final List<String> errors = new ArrayList<>();

    @Test
    void commandsAndContinuationLines() {
        ModprobeConfig c = new ModprobeConfig();
        c.parse("/etc/modprobe.d/a.conf", """
                # comment
                alias my-net ne
                options ne io=0x300 \\
                \tirq=9
                blacklist pcspkr
                install foo /bin/true
                remove foo echo bye
                softdep ne pre: crc-a crc_b post: extra
                weakdep ne helper1 helper2

                alias usb:v*p[0-9]-x drv-x
                """, errors::add);
        assertEquals(List.of(), errors);
        assertEquals(List.of(new ModprobeConfig.Alias("my_net", "ne"), new ModprobeConfig.Alias("usb:v*p[0-9]_x", "drv_x")),
                c.aliases);
        assertEquals("io=0x300  irq=9", c.optionsFor("ne", null), "the tab becomes a space, the line is joined");
        assertTrue(c.isBlacklisted("pcspkr"));
        assertEquals("/bin/true", c.installCommand("foo"));
        assertEquals("echo bye", c.removeCommand("foo"));
        assertEquals(new ModprobeConfig.Softdep("ne", List.of("crc-a", "crc_b"), List.of("extra")), c.softdepFor("ne"));
        assertEquals(List.of("helper1", "helper2"), c.weakdeps.get(0).weak());
    }

    @Test
    void badLinesAreReportedWithTheirNumber() {
        ModprobeConfig c = new ModprobeConfig();
        c.parse("/etc/modprobe.d/bad.conf", "alias onlyone\n  # indented comment\nfrobnicate x\noptions ne\n"
                + "include /etc/other.conf\nblacklist a]b\nalias x \\\n y\nbogus\\\nline", errors::add);
        assertEquals(List.of(
                "/etc/modprobe.d/bad.conf line 1: ignoring bad line starting with 'alias'",
                "/etc/modprobe.d/bad.conf line 2: ignoring bad line starting with '#'",
                "/etc/modprobe.d/bad.conf line 3: ignoring bad line starting with 'frobnicate'",
                "/etc/modprobe.d/bad.conf line 4: ignoring bad line starting with 'options'",
                "/etc/modprobe.d/bad.conf: command include is deprecated and not parsed anymore",
                "/etc/modprobe.d/bad.conf line 6: ignoring bad line starting with 'blacklist'",
                "/etc/modprobe.d/bad.conf line 10: ignoring bad line starting with 'bogusline'"), errors);
        assertEquals(List.of(new ModprobeConfig.Alias("x", "y")), c.aliases);
    }

    @Test
    void filesInByteOrderOfBaseNamesFirstDirectoryWins() throws Exception {
        Files.createDirectories(root.resolve("etc/modprobe.d"));
        Files.createDirectories(root.resolve("lib/modprobe.d"));
        Files.createDirectories(root.resolve("lib/modules/r"));
        Files.writeString(root.resolve("etc/modprobe.d/b.conf"), "options m from=etc-b\n");
        Files.writeString(root.resolve("lib/modprobe.d/b.conf"), "options m from=lib-b\n");
        Files.writeString(root.resolve("lib/modprobe.d/a.conf"), "options m from=lib-a\n");
        Files.writeString(root.resolve("etc/modprobe.d/c.txt"), "options m from=txt\n");
        Files.writeString(root.resolve("lib/modules/r/modules.softdep"), "softdep m pre: p\n");
        ModprobeConfig c = ModprobeConfig.load(root, "/lib/modules/r", "mem=256M m.x=1 m.y \"n.s=a b\" modprobe.blacklist=bad,worse\n",
                errors::add);
        assertEquals("from=lib-a from=etc-b x=1 y", c.optionsFor("m", null));
        assertEquals("s=\"a b\"", c.optionsFor("n", null), "grub's quoting is put back around the value");
        assertEquals(List.of("p"), c.softdepFor("m").pre());
        assertEquals(List.of("bad", "worse"), c.blacklist);
        assertEquals(List.of(), errors);
    }

    @Test
    void optionsMatchTheAliasUsedToo() {
        ModprobeConfig c = new ModprobeConfig();
        c.parse("x.conf", "options eth0 a=1\noptions ne b=2\noptions other c=3\n", errors::add);
        assertEquals("a=1 b=2", c.optionsFor("ne", "eth0"));
        assertNull(c.optionsFor("none", null));
    }
}
