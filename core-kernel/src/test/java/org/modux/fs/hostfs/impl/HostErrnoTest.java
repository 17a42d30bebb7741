package org.modux.fs.hostfs.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/** The host's failures as the errnos a Linux user would see from UML's hostfs. */
class HostErrnoTest {

    @Test
    void eachJavaNioFailureMapsToItsErrno() {
        assertEquals(Errno.ENOENT, HostErrno.toErrno(new NoSuchFileException("f")).errno());
        assertEquals(Errno.EACCES, HostErrno.toErrno(new AccessDeniedException("f")).errno());
        assertEquals(Errno.ENOTEMPTY, HostErrno.toErrno(new DirectoryNotEmptyException("d")).errno());
        assertEquals(Errno.EEXIST, HostErrno.toErrno(new FileAlreadyExistsException("f")).errno());
        assertEquals(Errno.ENOTDIR, HostErrno.toErrno(new NotDirectoryException("f")).errno());
        assertEquals(Errno.EINVAL, HostErrno.toErrno(new NotLinkException("f")).errno());
        assertEquals(Errno.ELOOP, HostErrno.toErrno(new FileSystemLoopException("l")).errno());
        assertEquals(Errno.EINTR, HostErrno.toErrno(new ClosedByInterruptException()).errno());
    }

    @Test
    void anythingElseIsAnIoErrorThatKeepsTheHostsReason() {
        IOException host = new FileSystemException("f", null, "No space left on device");
        ErrnoException e = HostErrno.toErrno(host);
        assertEquals(Errno.EIO, e.errno());
        assertEquals("Input/output error", e.getMessage());
        assertSame(host, e.getCause());
        assertEquals(Errno.EIO, HostErrno.toErrno(new IOException("disk gone")).errno());
    }

    @Test
    void aHostFileThatIsNotThereIsEnoent(@TempDir Path tmp) {
        ErrnoException e = assertThrows(ErrnoException.class, () -> HostStat.lstat(tmp.resolve("nope")));
        assertEquals(Errno.ENOENT, e.errno());
    }
}
