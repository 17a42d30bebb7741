package org.modux.fs.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.modux.fs.DirEntry;
import org.modux.fs.FileMode;
import org.modux.fs.FileOperations;
import org.modux.fs.Inode;
import org.modux.fs.OpenFlags;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/** ramfs through its inode and file operations: what the VFS asks of it. */
class RamfsTest {

    private final Inode root = new Ramfs().mount("none", 0, "").root();

    private static Errno fails(Executable call) {
        return assertThrows(ErrnoException.class, call).errno();
    }

    private static int write(Inode file, long pos, String text) throws ErrnoException {
        return file.open(OpenFlags.O_WRONLY).write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), pos);
    }

    /** Reads up to {@code max} bytes at {@code pos}. */
    private static String read(Inode file, long pos, int max) throws ErrnoException {
        ByteBuffer buf = ByteBuffer.allocate(max);
        int n = file.open(OpenFlags.O_RDONLY).read(buf, pos);
        return new String(buf.array(), 0, n, StandardCharsets.UTF_8);
    }

    /** Waits until the wall clock's millisecond moves on, so that a new mtime differs from one taken before. */
    private static void nextMillisecond() {
        long now = System.currentTimeMillis();
        while (System.currentTimeMillis() == now) {
            Thread.onSpinWait();
        }
    }

    @Test
    void aFileReadsBackWhatWasWrittenFromAnyPosition() throws ErrnoException {
        Inode f = root.create("f", 0644);

        assertEquals(5, write(f, 0, "hello"));

        assertEquals("-rw-r--r--", FileMode.toLsString(f.mode()));
        assertEquals(5, f.size());
        assertEquals("ell", read(f, 1, 3));
        assertEquals("lo", read(f, 3, 100));
        assertEquals("", read(f, 5, 100));
        assertEquals("", read(f, 100, 100));
    }

    @Test
    void writingInTheMiddleKeepsTheRestAndPastTheEndLeavesZeros() throws ErrnoException {
        Inode f = root.create("f", 0644);
        write(f, 0, "hello");

        write(f, 0, "J");
        write(f, 7, "!");

        assertEquals(8, f.size());
        assertEquals("Jello\0\0!", read(f, 0, 100));
    }

    @Test
    void appendingGrowsTheFileByWhateverIsWritten() throws ErrnoException {
        Inode f = root.create("f", 0644);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            String line = i + "\n";
            write(f, f.size(), line);
            expected.append(line);
        }
        assertEquals(expected.length(), f.size());
        assertEquals(expected.toString(), read(f, 0, 10_000));
    }

    @Test
    void truncateCutsAndGrowsWithZerosNotTheOldBytes() throws ErrnoException {
        Inode f = root.create("f", 0644);
        write(f, 0, "hello");

        f.truncate(2);
        assertEquals("he", read(f, 0, 100));
        f.truncate(4);
        assertEquals("he\0\0", read(f, 0, 100));
        assertEquals(4, f.size());
    }

    @Test
    void aFileCannotGrowPastWhatAJavaArrayHolds() throws ErrnoException {
        Inode f = root.create("f", 0644);
        assertEquals(Errno.EFBIG, fails(() -> f.truncate(1L << 40)));
        assertEquals(Errno.EFBIG, fails(() -> write(f, Integer.MAX_VALUE, "x")));
        assertEquals(0, f.size());
    }

    @Test
    void aDirectoryLinksItselfItsParentAndEachSubdirectory() throws ErrnoException {
        assertEquals(2, root.nlink());
        Inode a = root.mkdir("a", 0755);
        root.mkdir("b", 0755);
        Inode f = root.create("f", 0644);
        assertEquals(4, root.nlink());
        assertEquals(2, a.nlink());
        assertEquals(1, f.nlink());

        root.rmdir("b");
        assertEquals(3, root.nlink());
    }

    @Test
    void entriesAreListedInCreationOrderWithTheirTypes() throws ErrnoException {
        Inode a = root.mkdir("a", 0755);
        Inode f = root.create("f", 0600);

        assertEquals(List.of(new DirEntry("a", a.ino(), 4), new DirEntry("f", f.ino(), 8)), root.readdir());
        assertEquals(f.ino(), root.lookup("f").ino());
        assertNull(root.lookup("nope"));
        assertTrue(a.ino() != f.ino() && a.ino() != root.ino());
    }

    @Test
    void namesAreUniqueAndOnlyEmptyDirectoriesGo() throws ErrnoException {
        Inode a = root.mkdir("a", 0755);
        a.create("f", 0644);
        root.create("g", 0644);

        assertEquals(Errno.EEXIST, fails(() -> root.create("a", 0644)));
        assertEquals(Errno.EEXIST, fails(() -> root.mkdir("g", 0755)));
        assertEquals(Errno.ENOTEMPTY, fails(() -> root.rmdir("a")));
        assertEquals(Errno.ENOTDIR, fails(() -> root.rmdir("g")));
        assertEquals(Errno.EISDIR, fails(() -> root.unlink("a")));
        assertEquals(Errno.ENOENT, fails(() -> root.unlink("nope")));
        assertEquals(Errno.ENOTDIR, fails(() -> root.lookup("g").lookup("x")));

        a.unlink("f");
        root.rmdir("a");
        assertEquals(List.of("g"), root.readdir().stream().map(DirEntry::name).toList());
    }

    @Test
    void writesAndTruncateChangeAFilesMtimeAndReadsDoNot() throws ErrnoException {
        Inode f = root.create("f", 0644);
        long created = f.mtimeNanos();
        assertTrue(Math.abs(created / 1_000_000 - System.currentTimeMillis()) < 10_000, "mtime is wall-clock time");

        nextMillisecond();
        write(f, 0, "x");
        long written = f.mtimeNanos();
        assertTrue(written > created);

        nextMillisecond();
        read(f, 0, 1);
        assertEquals(written, f.mtimeNanos());
        f.truncate(0);
        assertTrue(f.mtimeNanos() > written);
    }

    @Test
    void creatingAndRemovingChangeTheDirectorysMtime() throws ErrnoException {
        long before = root.mtimeNanos();
        nextMillisecond();
        root.create("f", 0644);
        long created = root.mtimeNanos();
        assertTrue(created > before);

        nextMillisecond();
        root.unlink("f");
        assertTrue(root.mtimeNanos() > created);
    }

    @Test
    void eachMountIsAFilesystemOfItsOwn() throws ErrnoException {
        Inode other = new Ramfs().mount("none", 0, "").root();
        root.create("f", 0644);
        assertNull(other.lookup("f"));
    }

    @Test
    void theRootIsADirectoryOfMode0755() {
        assertEquals("drwxr-xr-x", FileMode.toLsString(root.mode()));
        assertEquals(0, root.size());
    }

    @Test
    void eachOpenSharesTheFilesData() throws ErrnoException {
        Inode f = root.create("f", 0644);
        FileOperations one = f.open(OpenFlags.O_RDWR);
        FileOperations two = f.open(OpenFlags.O_RDONLY);
        one.write(ByteBuffer.wrap("abc".getBytes(StandardCharsets.UTF_8)), 0);
        ByteBuffer buf = ByteBuffer.allocate(3);
        assertEquals(3, two.read(buf, 0));
        assertEquals("abc", new String(buf.array(), StandardCharsets.UTF_8));
    }
}
