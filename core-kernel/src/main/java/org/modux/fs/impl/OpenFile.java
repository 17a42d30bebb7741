package org.modux.fs.impl;

import java.nio.ByteBuffer;

import org.modux.fs.File;
import org.modux.fs.FileMode;
import org.modux.fs.FileOperations;
import org.modux.fs.Inode;
import org.modux.fs.OpenFlags;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/**
 * An open file (Linux: {@code struct file}): the position, the access mode and the
 * filesystem's per-open operations. The file's monitor plays {@code f_pos_lock}: one
 * read, write or seek at a time moves the position.
 */
final class OpenFile implements File {

    private final String path;
    private final Inode inode;
    private final int flags;
    private final FileOperations ops;
    private long pos;
    private boolean closed;

    OpenFile(String path, Inode inode, int flags, FileOperations ops) {
        this.path = path;
        this.inode = inode;
        this.flags = flags;
        this.ops = ops;
    }

    @Override
    public synchronized int read(ByteBuffer dst) throws ErrnoException {
        checkOpen();
        if (!OpenFlags.readable(flags)) {
            throw new ErrnoException(Errno.EBADF);
        }
        if (FileMode.isDir(inode.mode())) {
            throw new ErrnoException(Errno.EISDIR);
        }
        int n = ops.read(dst, pos);
        pos += n;
        return n;
    }

    @Override
    public synchronized int write(ByteBuffer src) throws ErrnoException {
        checkOpen();
        if (!OpenFlags.writable(flags)) {
            throw new ErrnoException(Errno.EBADF);
        }
        if ((flags & OpenFlags.O_APPEND) != 0) {
            pos = inode.size();
        }
        int n = ops.write(src, pos);
        pos += n;
        return n;
    }

    @Override
    public synchronized long lseek(long offset, int whence) throws ErrnoException {
        checkOpen();
        long base = switch (whence) {
            case SEEK_SET -> 0;
            case SEEK_CUR -> pos;
            case SEEK_END -> inode.size();
            default -> throw new ErrnoException(Errno.EINVAL);
        };
        long target = base + offset;
        if (target < 0) {
            throw new ErrnoException(Errno.EINVAL);
        }
        pos = target;
        return pos;
    }

    @Override
    public int flags() {
        return flags;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            ops.release();
        }
    }

    private void checkOpen() throws ErrnoException {
        if (closed) {
            throw new ErrnoException(Errno.EBADF);
        }
    }
}
