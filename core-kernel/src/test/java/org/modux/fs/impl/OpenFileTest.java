package org.modux.fs.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.modux.fs.File;
import org.modux.fs.FileOperations;
import org.modux.fs.Inode;
import org.modux.fs.OpenFlags;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/** An open file's position, access mode and lifetime: read(2), write(2), lseek(2), close(2). */
class OpenFileTest {

    private final Inode root = new Ramfs().mount("none", 0, "").root();
    private final Inode inode;
    private int releases;

    OpenFileTest() throws ErrnoException {
        inode = root.create("f", 0644);
    }

    private File open(int flags) throws ErrnoException {
        FileOperations ops = inode.open(flags);
        return new OpenFile("/f", inode, flags, new FileOperations() {
            @Override
            public int read(ByteBuffer dst, long pos) throws ErrnoException {
                return ops.read(dst, pos);
            }

            @Override
            public int write(ByteBuffer src, long pos) throws ErrnoException {
                return ops.write(src, pos);
            }

            @Override
            public void release() {
                releases++;
            }
        });
    }

    private static Errno fails(Executable call) {
        return assertThrows(ErrnoException.class, call).errno();
    }

    private static int write(File f, String text) throws ErrnoException {
        return f.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String read(File f, int max) throws ErrnoException {
        ByteBuffer buf = ByteBuffer.allocate(max);
        int n = f.read(buf);
        return new String(buf.array(), 0, n, StandardCharsets.UTF_8);
    }

    @Test
    void readsAndWritesMoveThePosition() throws ErrnoException {
        File f = open(OpenFlags.O_RDWR);
        assertEquals(5, write(f, "hello"));
        assertEquals(5, f.lseek(0, File.SEEK_CUR));

        f.lseek(0, File.SEEK_SET);
        assertEquals("he", read(f, 2));
        assertEquals("llo", read(f, 10));
        assertEquals("", read(f, 10));
        assertEquals(5, f.lseek(0, File.SEEK_CUR));
    }

    @Test
    void lseekCountsFromTheStartTheCurrentPositionOrTheEnd() throws ErrnoException {
        File f = open(OpenFlags.O_RDWR);
        write(f, "hello");

        assertEquals(3, f.lseek(3, File.SEEK_SET));
        assertEquals(2, f.lseek(-1, File.SEEK_CUR));
        assertEquals("llo", read(f, 10));
        assertEquals(4, f.lseek(-1, File.SEEK_END));
        assertEquals(7, f.lseek(2, File.SEEK_END));
        write(f, "!");
        f.lseek(0, File.SEEK_SET);
        assertEquals("hello\0\0!", read(f, 10));
    }

    @Test
    void aNegativePositionOrUnknownWhenceIsEinvalAndLeavesThePosition() throws ErrnoException {
        File f = open(OpenFlags.O_RDWR);
        write(f, "hello");
        f.lseek(2, File.SEEK_SET);

        assertEquals(Errno.EINVAL, fails(() -> f.lseek(-1, File.SEEK_SET)));
        assertEquals(Errno.EINVAL, fails(() -> f.lseek(-3, File.SEEK_CUR)));
        assertEquals(Errno.EINVAL, fails(() -> f.lseek(-6, File.SEEK_END)));
        assertEquals(Errno.EINVAL, fails(() -> f.lseek(0, 3)));
        assertEquals(2, f.lseek(0, File.SEEK_CUR));
    }

    @Test
    void theAccessModeDecidesWhatIsAllowed() throws ErrnoException {
        File reader = open(OpenFlags.O_RDONLY);
        File writer = open(OpenFlags.O_WRONLY);

        assertEquals(Errno.EBADF, fails(() -> write(reader, "x")));
        assertEquals(Errno.EBADF, fails(() -> read(writer, 1)));
        assertEquals(1, write(writer, "x"));
        assertEquals("x", read(reader, 1));
    }

    @Test
    void oAppendWritesAtTheEndAndLeavesThePositionThere() throws ErrnoException {
        File f = open(OpenFlags.O_RDWR);
        write(f, "abc");
        File appender = open(OpenFlags.O_WRONLY | OpenFlags.O_APPEND);

        appender.lseek(0, File.SEEK_SET);
        write(appender, "de");

        assertEquals(5, appender.lseek(0, File.SEEK_CUR));
        f.lseek(0, File.SEEK_SET);
        assertEquals("abcde", read(f, 10));
    }

    @Test
    void aClosedFileIsEbadfAndReleasedOnce() throws ErrnoException {
        File f = open(OpenFlags.O_RDWR);
        f.close();
        f.close();

        assertEquals(1, releases);
        assertEquals(Errno.EBADF, fails(() -> read(f, 1)));
        assertEquals(Errno.EBADF, fails(() -> write(f, "x")));
        assertEquals(Errno.EBADF, fails(() -> f.lseek(0, File.SEEK_SET)));
    }

    @Test
    void anOpenDirectoryIsNotRead() throws ErrnoException {
        File dir = new OpenFile("/", root, OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY, new FileOperations() { });
        assertEquals(Errno.EISDIR, fails(() -> read(dir, 1)));
        assertEquals("/", dir.path());
        assertEquals(OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY, dir.flags());
    }
}
