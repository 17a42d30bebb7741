package org.modux.itests;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import org.modux.fs.DirEntry;
import org.modux.fs.File;
import org.modux.fs.OpenFlags;
import org.modux.fs.Vfs;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/**
 * Reading and writing files of /proc and /sys through the VFS, as a user's
 * {@code cat}, {@code echo >} and {@code ls} do.
 */
final class VfsFiles {

    private final Vfs vfs;

    VfsFiles(Vfs vfs) {
        this.vfs = vfs;
    }

    /** The whole file, as {@code cat} prints it. */
    String read(String path) throws ErrnoException {
        try (File f = vfs.open(path, OpenFlags.O_RDONLY, 0)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            while (f.read(buf) > 0) {
                // keep reading until end of file
            }
            return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        }
    }

    /** {@code echo text > path}: one write of the whole text. */
    void write(String path, String text) throws ErrnoException {
        try (File f = vfs.open(path, OpenFlags.O_WRONLY, 0)) {
            f.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** The names in a directory, without "." and "..", in the filesystem's order. */
    List<String> list(String path) throws ErrnoException {
        return vfs.getdents(path).stream().map(DirEntry::name).filter(n -> !n.equals(".") && !n.equals(".."))
                .collect(Collectors.toList());
    }

    /** Whether {@code path} exists: stat does not fail with ENOENT. */
    boolean exists(String path) throws ErrnoException {
        try {
            vfs.lstat(path);
            return true;
        } catch (ErrnoException e) {
            if (e.errno() == Errno.ENOENT) {
                return false;
            }
            throw e;
        }
    }

    /** The permission bits of {@code path}, as {@code stat -c %a} shows them. */
    int mode(String path) throws ErrnoException {
        return vfs.stat(path).mode() & 07777;
    }
}
