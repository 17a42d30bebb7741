package org.modux.fs.proc.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.modux.fs.FileMode;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/** The /proc tree: entries added, found and removed by path. */
class ProcTreeTest {

    private static final int DIR = FileMode.S_IFDIR | 0555;
    private static final int FILE = FileMode.S_IFREG | 0444;

    private final ProcTree tree = new ProcTree();

    private static Errno fails(Executable call) {
        return assertThrows(ErrnoException.class, call).errno();
    }

    private List<String> ls(String path) {
        return tree.children(tree.find(path)).stream().map(e -> e.name).toList();
    }

    @Test
    void entriesGoUnderExistingDirectoriesInOrder() throws ErrnoException {
        tree.add("driver", DIR, "kernel");
        ProcEntry rtc = tree.add("driver/rtc", FILE, "rtc");
        tree.add("driver/nvram", FILE, "nvram");

        assertSame(rtc, tree.find("driver/rtc"));
        assertSame(rtc, tree.find("/driver//rtc/"));
        assertEquals("driver/rtc", rtc.path());
        assertEquals("rtc", rtc.owner);
        assertEquals(List.of("rtc", "nvram"), ls("driver"));
        assertNull(tree.find("driver/nope"));
        assertSame(tree.root, tree.find(""));
    }

    @Test
    void addFailsAsProcCreateDoes() throws ErrnoException {
        tree.add("driver", DIR, "kernel");
        tree.add("driver/rtc", FILE, "rtc");

        assertEquals(Errno.EEXIST, fails(() -> tree.add("driver/rtc", FILE, "rtc")));
        assertEquals(Errno.ENOENT, fails(() -> tree.add("nope/rtc", FILE, "rtc")));
        assertEquals(Errno.ENOTDIR, fails(() -> tree.add("driver/rtc/x", FILE, "rtc")));
    }

    @Test
    void namesProcCannotShowAreEinval() {
        // __proc_create refuses an empty name, "." and "..", and names of 256 characters or more.
        for (String bad : new String[] {"", "/", ".", "..", "n".repeat(256)}) {
            assertEquals(Errno.EINVAL, fails(() -> tree.add(bad, FILE, "kernel")), bad);
        }
        for (String bad : new String[] {".", "..", "n".repeat(256)}) {
            assertEquals(Errno.EINVAL, fails(() -> tree.mkdirs("sys/" + bad + "/x", "kernel")), bad);
        }
        assertEquals(List.of(), ls(""));
    }

    @Test
    void inodeNumbersAreLinuxsRootAndDynamicOnes() throws ErrnoException {
        assertEquals(1, tree.root.ino);
        assertEquals(0xF0000000L, tree.add("a", DIR, "kernel").ino);
        assertEquals(0xF0000001L, tree.add("b", FILE, "kernel").ino);
    }

    @Test
    void removeTakesTheWholeSubtreeOnce() throws ErrnoException {
        ProcEntry driver = tree.add("driver", DIR, "kernel");
        tree.add("driver/rtc", FILE, "rtc");

        assertTrue(tree.remove(driver));
        assertNull(tree.find("driver/rtc"));
        assertNull(tree.find("driver"));
        assertFalse(tree.remove(driver));
        assertFalse(tree.remove(tree.root));
    }

    @Test
    void anEntryBelowARemovedDirectoryIsGoneAndTakesNoNewOneWithIt() throws ErrnoException {
        ProcEntry sys = tree.mkdirs("sys", "kernel");
        ProcEntry old = tree.mkdirs("sys/x", "hello");
        ProcEntry a = tree.add("sys/x/a", FILE, "hello");
        tree.remove(old);
        tree.add("sys/x", DIR, "kernel");
        tree.add("sys/x/b", FILE, "kernel");

        assertFalse(tree.remove(a));
        tree.pruneEmpty(old, sys);
        assertEquals(List.of("b"), ls("sys/x"));
    }

    @Test
    void aNameRemovedAndAddedAgainIsANewEntryTheOldOneCannotRemove() throws ErrnoException {
        ProcEntry old = tree.add("x", FILE, "kernel");
        tree.remove(old);
        ProcEntry again = tree.add("x", FILE, "kernel");

        assertFalse(tree.remove(old));
        assertSame(again, tree.find("x"));
    }

    @Test
    void mkdirsMakesWhatIsMissingAndKeepsWhatIsThere() throws ErrnoException {
        ProcEntry sys = tree.mkdirs("sys", "kernel");
        ProcEntry ipv4 = tree.mkdirs("sys/net/ipv4", "hello");

        assertSame(sys, tree.find("sys"));
        assertSame(ipv4, tree.mkdirs("sys/net/ipv4", "other"));
        assertEquals("hello", tree.find("sys/net").owner);
        assertEquals(DIR, ipv4.mode);
        tree.add("sys/net/core", FILE, "kernel");
        assertEquals(Errno.ENOTDIR, fails(() -> tree.mkdirs("sys/net/core/x", "kernel")));
    }

    @Test
    void pruneEmptyRemovesEmptyDirectoriesUpToTheStop() throws ErrnoException {
        ProcEntry sys = tree.mkdirs("sys", "kernel");
        tree.mkdirs("sys/net/core", "kernel");
        ProcEntry ipv4 = tree.mkdirs("sys/net/ipv4/conf", "kernel");

        tree.pruneEmpty(ipv4, sys);
        assertEquals(List.of("core"), ls("sys/net"));

        tree.remove(tree.find("sys/net/core"));
        tree.pruneEmpty(tree.find("sys/net"), sys);
        assertEquals(List.of(), ls("sys"));
        assertSame(sys, tree.find("sys"));
    }
}
