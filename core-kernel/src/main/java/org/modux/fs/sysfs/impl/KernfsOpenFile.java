package org.modux.fs.sysfs.impl;

import java.nio.ByteBuffer;

import org.modux.fs.FileOperations;
import org.modux.fs.Libfs;
import org.modux.fs.OpenFlags;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/**
 * One open kernfs file (Linux: fs/kernfs/file.c, {@code struct kernfs_open_file}).
 * Opening checks the mode bits and the ops as {@code kernfs_fop_open} does, so even
 * root gets EACCES writing a read-only attribute; a file opened for reading takes its
 * snapshot of {@code seq_show} then, and reads are served from it. Each write hands
 * the ops the whole buffer. Both run under an active reference, so a removed file
 * fails with ENODEV. The snapshot never changes after open: no lock.
 */
final class KernfsOpenFile implements FileOperations {

    private static final byte[] NOTHING = new byte[0];

    private final KernfsNode kn;
    private final byte[] contents;

    private KernfsOpenFile(KernfsNode kn, byte[] contents) {
        this.kn = kn;
        this.contents = contents;
    }

    /** {@code kernfs_fop_open}: EACCES unless the mode and the ops allow the access asked for. */
    static KernfsOpenFile open(KernfsNode kn, int flags) throws ErrnoException {
        boolean read = OpenFlags.readable(flags);
        boolean write = OpenFlags.writable(flags);
        if (write && ((kn.mode & 0222) == 0 || !kn.ops.canWrite())
                || read && ((kn.mode & 0444) == 0 || !kn.ops.canRead())) {
            throw new ErrnoException(Errno.EACCES);
        }
        byte[] contents = kn.kernfs.withActive(kn, () -> read ? kn.ops.seqShow() : NOTHING);
        return new KernfsOpenFile(kn, contents);
    }

    @Override
    public int read(ByteBuffer dst, long pos) {
        return Libfs.simpleReadFromBuffer(dst, pos, contents);
    }

    /** {@code kernfs_fop_write_iter}: the whole buffer at once; E2BIG beyond {@code atomic_write_len}. */
    @Override
    public int write(ByteBuffer src, long pos) throws ErrnoException {
        int len = src.remaining();
        if (len > kn.ops.atomicWriteLen()) {
            throw new ErrnoException(Errno.E2BIG);
        }
        byte[] buf = new byte[len];
        src.duplicate().get(buf);
        kn.kernfs.withActive(kn, () -> {
            kn.ops.write(buf);
            return null;
        });
        src.position(src.position() + len);
        return len;
    }
}
