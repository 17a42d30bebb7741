package org.modux.usr.kmod;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

import org.modux.uapi.Errno;

/**
 * The errno behind a java.nio failure, so the tools print what strerror prints:
 * the VFS's exceptions carry glibc's message as their reason, the host's carry
 * their kind.
 */
public final class Errnos {

    private Errnos() {
    }

    public static Errno of(IOException e) {
        String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        if (reason != null) {
            for (Errno errno : Errno.values()) {
                if (errno.message().equals(reason)) {
                    return errno;
                }
            }
        }
        if (e instanceof NoSuchFileException) {
            return Errno.ENOENT;
        }
        if (e instanceof AccessDeniedException) {
            return Errno.EACCES;
        }
        if (e instanceof NotDirectoryException) {
            return Errno.ENOTDIR;
        }
        if (e instanceof FileAlreadyExistsException) {
            return Errno.EEXIST;
        }
        return Errno.EIO;
    }

    /** {@code strerror(-err)} for a negative errno return. */
    public static String message(int err) {
        for (Errno e : Errno.values()) {
            if (e.number() == -err) {
                return e.message();
            }
        }
        return "Unknown error " + -err;
    }
}
