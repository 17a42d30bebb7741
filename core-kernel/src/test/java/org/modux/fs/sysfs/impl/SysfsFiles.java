package org.modux.fs.sysfs.impl;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.modux.fs.DirEntry;
import org.modux.fs.FileOperations;
import org.modux.fs.Inode;
import org.modux.fs.OpenFlags;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/** What a user does to a mounted sysfs in tests: walk a path, ls, cat, echo, readlink. */
public final class SysfsFiles {

    private SysfsFiles() {
    }

    /** Follows {@code path} (relative to the mount, "a/b/c") by lookups; ENOENT if a step is missing. */
    public static Inode walk(Inode root, String path) throws ErrnoException {
        Inode at = root;
        for (String name : path.split("/")) {
            if (name.isEmpty()) {
                continue;
            }
            at = at.lookup(name);
            if (at == null) {
                throw new ErrnoException(Errno.ENOENT);
            }
        }
        return at;
    }

    /** The names readdir gives for {@code path}, in its order. */
    public static List<String> ls(Inode root, String path) throws ErrnoException {
        return walk(root, path).readdir().stream().map(DirEntry::name).toList();
    }

    /** Opens for reading and reads to the end, in small pieces. */
    public static String cat(Inode root, String path) throws ErrnoException {
        FileOperations f = walk(root, path).open(OpenFlags.O_RDONLY);
        StringBuilder text = new StringBuilder();
        ByteBuffer buf = ByteBuffer.allocate(3);
        long pos = 0;
        for (int n; (n = f.read(buf.clear(), pos)) > 0; pos += n) {
            text.append(new String(buf.array(), 0, n, StandardCharsets.UTF_8));
        }
        f.release();
        return text.toString();
    }

    /** Opens for writing and writes {@code text} in one write(2); returns what write returned. */
    public static int echo(Inode root, String path, String text) throws ErrnoException {
        FileOperations f = walk(root, path).open(OpenFlags.O_WRONLY | OpenFlags.O_TRUNC);
        try {
            return f.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
        } finally {
            f.release();
        }
    }

    public static String readlink(Inode root, String path) throws ErrnoException {
        return walk(root, path).readlink();
    }
}
