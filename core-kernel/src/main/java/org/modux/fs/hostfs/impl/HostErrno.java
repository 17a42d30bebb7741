package org.modux.fs.hostfs.impl;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/**
 * The errno of a failed host call (Linux: fs/hostfs/hostfs_user.c hands the host's
 * {@code -errno} up as it is). java.nio hides the host's errno behind exception
 * types; this table maps each type back, one row per case. Anything else is EIO, as
 * an unexpected failure of the storage is on Linux.
 */
final class HostErrno {

    private HostErrno() {
    }

    static ErrnoException toErrno(IOException e) {
        Errno errno = switch (e) {
            case NoSuchFileException x -> Errno.ENOENT;
            case AccessDeniedException x -> Errno.EACCES;
            case DirectoryNotEmptyException x -> Errno.ENOTEMPTY;
            case FileAlreadyExistsException x -> Errno.EEXIST;
            case NotDirectoryException x -> Errno.ENOTDIR;
            case NotLinkException x -> Errno.EINVAL;
            case FileSystemLoopException x -> Errno.ELOOP;
            case ClosedByInterruptException x -> Errno.EINTR;
            default -> Errno.EIO;
        };
        return new ErrnoException(errno, e);
    }
}
