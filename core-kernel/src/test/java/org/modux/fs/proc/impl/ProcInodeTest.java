package org.modux.fs.proc.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.modux.fs.sysfs.impl.SysfsFiles.cat;
import static org.modux.fs.sysfs.impl.SysfsFiles.echo;
import static org.modux.fs.sysfs.impl.SysfsFiles.walk;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;
import org.modux.fs.DirEntry;
import org.modux.fs.FileMode;
import org.modux.fs.FileOperations;
import org.modux.fs.Inode;
import org.modux.fs.OpenFlags;
import org.modux.kernel.sysctl.CtlTable;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/** A /proc entry as the VFS sees it: mode, links, lookup, readdir, open and readlink. */
class ProcInodeTest {

    private final ProcFixture fx = new ProcFixture();
    private final ProcFsService proc = fx.procFs(ProcFixture.KERNEL);

    @Test
    void aDirectoryLinksItselfItsParentAndEachSubdirectory() throws ErrnoException {
        proc.mkdir("driver");
        proc.mkdir("driver/a");
        proc.createSingle("driver/rtc", m -> m.puts("x"));

        assertEquals(3, walk(fx.proc, "driver").nlink());
        assertEquals(2, walk(fx.proc, "driver/a").nlink());
        assertEquals(1, walk(fx.proc, "driver/rtc").nlink());
        assertEquals(3, fx.proc.nlink());
    }

    @Test
    void modeInodeNumberAndTimeAreTheEntrys() throws ErrnoException {
        proc.create("rw", 0644, m -> { }, text -> { });
        Inode rw = walk(fx.proc, "rw");

        assertEquals("-rw-r--r--", FileMode.toLsString(rw.mode()));
        assertEquals("dr-xr-xr-x", FileMode.toLsString(fx.proc.mode()));
        assertEquals(1, fx.proc.ino());
        assertEquals(0xF0000000L, rw.ino());
        assertEquals(0, rw.size());
        assertTrue(Math.abs(rw.mtimeNanos() / 1_000_000 - System.currentTimeMillis()) < 10_000);
    }

    @Test
    void lookupAndReaddirSeeTheTreeAsItIsNow() throws ErrnoException {
        proc.mkdir("driver");
        Inode driver = walk(fx.proc, "driver");
        assertNull(driver.lookup("rtc"));
        assertEquals(List.of(), driver.readdir());

        proc.createSingle("driver/rtc", m -> { });
        proc.symlink("driver/link", "rtc");

        assertEquals(List.of(new DirEntry("rtc", driver.lookup("rtc").ino(), 8),
                new DirEntry("link", driver.lookup("link").ino(), 10)), driver.readdir());
        proc.remove("driver/rtc");
        assertNull(driver.lookup("rtc"));
    }

    @Test
    void aFileHasNoEntries() throws ErrnoException {
        proc.createSingle("version", m -> { });
        Inode version = walk(fx.proc, "version");
        assertEquals(Errno.ENOTDIR, assertThrows(ErrnoException.class, () -> version.lookup("x")).errno());
        assertEquals(Errno.ENOTDIR, assertThrows(ErrnoException.class, version::readdir).errno());
        assertEquals(Errno.EINVAL, assertThrows(ErrnoException.class, version::readlink).errno());
    }

    @Test
    void aShowFileIsPrintedAndItsWritesGoToItsHandler() throws ErrnoException {
        List<String> written = new ArrayList<>();
        proc.create("knob", 0644, m -> m.printf("%d\n", written.size()), written::add);

        assertEquals("0\n", cat(fx.proc, "knob"));
        assertEquals(2, echo(fx.proc, "knob", "1\n"));
        assertEquals(List.of("1\n"), written);
        assertEquals("1\n", cat(fx.proc, "knob"));
    }

    @Test
    void aFileWithRawOperationsGetsThemFromItsOpen() throws ErrnoException {
        List<Integer> opens = new ArrayList<>();
        FileOperations ops = new FileOperations() { };
        proc.create("kmsg", 0400, flags -> {
            opens.add(flags);
            return ops;
        });

        assertSame(ops, walk(fx.proc, "kmsg").open(OpenFlags.O_RDONLY | OpenFlags.O_NONBLOCK));
        assertEquals(List.of(OpenFlags.O_RDONLY | OpenFlags.O_NONBLOCK), opens);
    }

    @Test
    void aSysctlReadsAsItsValueAndANewline() throws ErrnoException {
        AtomicIntegerArray value = new AtomicIntegerArray(new int[] {4, 7});
        fx.sysctl(ProcFixture.KERNEL).register("kernel", CtlTable.intVec("pair", 0644, value, 0, 10));

        assertEquals("4\t7\n", cat(fx.proc, "sys/kernel/pair"));
        echo(fx.proc, "sys/kernel/pair", "5\n");
        assertEquals("5\t7\n", cat(fx.proc, "sys/kernel/pair"));
    }

    @Test
    void aSymlinkReadsAsItsTarget() throws ErrnoException {
        proc.symlink("mounts", "self/mounts");
        Inode link = walk(fx.proc, "mounts");
        assertEquals("lrwxrwxrwx", FileMode.toLsString(link.mode()));
        assertEquals("self/mounts", link.readlink());
    }
}
