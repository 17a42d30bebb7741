package org.modux.fs.impl;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.modux.fs.DirEntry;
import org.modux.fs.File;
import org.modux.fs.OpenFlags;
import org.modux.fs.Vfs;
import org.modux.uapi.ErrnoException;

/** What a user does to the VFS in tests, by system calls: cat, echo into, ls. */
public final class Shell {

    private Shell() {
    }

    /** Opens for reading and reads to the end in small pieces, as cat does with a small buffer. */
    public static String cat(Vfs vfs, String path) throws ErrnoException {
        try (File f = vfs.open(path, OpenFlags.O_RDONLY, 0)) {
            return readAll(f);
        }
    }

    /** Reads from the file's position to its end. */
    public static String readAll(File f) throws ErrnoException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(5);
        for (int n; (n = f.read(buf.clear())) > 0;) {
            text.write(buf.array(), 0, n);
        }
        return text.toString(StandardCharsets.UTF_8);
    }

    /** {@code echo -n text > path}: creates or truncates, then one write(2). */
    public static void echo(Vfs vfs, String path, String text) throws ErrnoException {
        try (File f = vfs.open(path, OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_TRUNC, 0666)) {
            f.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** The names getdents gives, "." and ".." included, in its order. */
    public static List<String> ls(Vfs vfs, String path) throws ErrnoException {
        return vfs.getdents(path).stream().map(DirEntry::name).toList();
    }
}
