package org.modux.usr.nio;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;
import org.modux.fs.OpenFlags;
import org.modux.fs.impl.TestKernel;
import org.modux.kernel.sysctl.CtlTable;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/** java.nio's Files over the Modux VFS: what Gogo's redirections and commands get, errors included. */
class VfsFileSystemProviderTest {

    private final TestKernel kernel = new TestKernel();
    private final VfsFileSystem fs = new VfsFileSystem(kernel.vfs);
    private final AtomicIntegerArray printk = new AtomicIntegerArray(new int[] {7, 4, 1, 7});

    VfsFileSystemProviderTest() throws ErrnoException {
        kernel.sysctl.register("kernel", CtlTable.intVec("printk", 0644, printk, 0, 15));
        Libc.setErrno(null);
    }

    private Path p(String text) {
        return fs.path(text);
    }

    @Test
    void writtenTextReadsBack() throws IOException {
        Files.writeString(p("/motd"), "hello\n");

        assertEquals("hello\n", Files.readString(p("/motd")));
        assertEquals(6, Files.size(p("/motd")));
        assertTrue(Files.isRegularFile(p("/motd")));
    }

    @Test
    void writingTruncatesUnlessAppending() throws IOException {
        Files.writeString(p("/f"), "hello");
        Files.writeString(p("/f"), "ab");
        Files.writeString(p("/f"), "!", APPEND);
        assertEquals("ab!", Files.readString(p("/f")));
    }

    @Test
    void aChannelReadsWritesAndSeeksTheFile() throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(p("/f"), CREATE_NEW, WRITE, READ)) {
            ch.write(ByteBuffer.wrap("hello".getBytes()));
            assertEquals(5, ch.size());
            assertEquals(5, ch.position());
            ch.position(1);
            ByteBuffer buf = ByteBuffer.allocate(10);
            assertEquals(4, ch.read(buf));
            assertEquals(-1, ch.read(buf.clear()));
            assertEquals("ello", new String(buf.array(), 0, 4));
        }
    }

    @Test
    void aMissingFileIsNoSuchFileException() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Files.readString(p("/nope")));
        assertEquals("/nope", e.getFile());
        assertEquals("No such file or directory", e.getReason());
        assertEquals(Errno.ENOENT, Libc.errno());
        assertThrows(NoSuchFileException.class, () -> Files.newByteChannel(p("/nope"), WRITE));
    }

    @Test
    void createNewOfAnExistingFileIsFileAlreadyExists() throws IOException {
        Files.writeString(p("/f"), "x");
        assertThrows(FileAlreadyExistsException.class, () -> Files.newByteChannel(p("/f"), CREATE_NEW, WRITE));
        assertEquals(Errno.EEXIST, Libc.errno());
    }

    @Test
    void writingAReadOnlyFileIsAccessDenied() throws Exception {
        kernel.vfs.open("/ro", OpenFlags.O_WRONLY | OpenFlags.O_CREAT, 0444).close();

        AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> Files.writeString(p("/ro"), "x"));
        assertEquals("Permission denied", e.getReason());
        assertEquals(Errno.EACCES, Libc.errno());
    }

    @Test
    void aFailedWriteLeavesItsErrnoForTheTool() throws IOException {
        FileSystemException e = assertThrows(FileSystemException.class,
                () -> Files.writeString(p("/proc/sys/kernel/printk"), "x\n"));

        assertEquals("Invalid argument", e.getReason());
        assertEquals(Errno.EINVAL, Libc.errno());
        assertEquals("7\t4\t1\t7\n", Files.readString(p("/proc/sys/kernel/printk")));
    }

    @Test
    void aDirectoryStreamHasNeitherDotNorDotDot() throws IOException {
        Files.createDirectory(p("/etc"));
        Files.writeString(p("/etc/hostname"), "modux\n");
        Files.createDirectory(p("/etc/init.d"));

        try (DirectoryStream<Path> dir = Files.newDirectoryStream(p("/etc"))) {
            assertEquals(List.of(p("/etc/hostname"), p("/etc/init.d")), toList(dir));
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(p("/etc"), "*.d")) {
            assertEquals(List.of(p("/etc/init.d")), toList(dir));
        }
        assertThrows(NotDirectoryException.class, () -> Files.newDirectoryStream(p("/etc/hostname")));
    }

    private static List<Path> toList(DirectoryStream<Path> dir) {
        List<Path> out = new ArrayList<>();
        dir.forEach(out::add);
        return out;
    }

    @Test
    void checkAccessLooksAtTheOwnerBits() throws Exception {
        kernel.vfs.open("/ro", OpenFlags.O_WRONLY | OpenFlags.O_CREAT, 0444).close();

        assertTrue(Files.isReadable(p("/ro")));
        assertFalse(Files.isWritable(p("/ro")));
        assertFalse(Files.isExecutable(p("/ro")));
        assertTrue(Files.isExecutable(p("/proc")));
        assertFalse(Files.exists(p("/nope")));
        assertThrows(AccessDeniedException.class, () -> fs.provider().checkAccess(p("/ro"), AccessMode.WRITE));
        assertThrows(NoSuchFileException.class, () -> fs.provider().checkAccess(p("/nope")));
    }

    @Test
    void directoriesAreCreatedAndDeletedAsMkdirAndRmdirAllow() throws IOException {
        Files.createDirectory(p("/d"));
        Files.writeString(p("/d/f"), "x");

        assertTrue(Files.isDirectory(p("/d")));
        assertThrows(FileAlreadyExistsException.class, () -> Files.createDirectory(p("/d")));
        assertThrows(DirectoryNotEmptyException.class, () -> Files.delete(p("/d")));
        Files.delete(p("/d/f"));
        Files.delete(p("/d"));
        assertFalse(Files.exists(p("/d")));
        assertThrows(NoSuchFileException.class, () -> Files.delete(p("/d")));
    }
}
