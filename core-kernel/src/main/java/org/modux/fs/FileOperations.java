package org.modux.fs;

import java.nio.ByteBuffer;

import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/**
 * One open file's operations and private state (Linux: {@code file_operations} with
 * the file's {@code private_data}). The VFS keeps the file position and passes it in;
 * a missing operation fails as {@code vfs_read}/{@code vfs_write} do without one.
 */
public interface FileOperations {

    /**
     * Reads from {@code pos} into {@code dst}; returns the bytes read, 0 at end of file.
     * May block (a {@code /proc/kmsg} reader waits for messages) unless the file was
     * opened with {@code O_NONBLOCK}.
     */
    default int read(ByteBuffer dst, long pos) throws ErrnoException {
        throw new ErrnoException(Errno.EINVAL);
    }

    /** Writes {@code src} at {@code pos}; returns the bytes taken. */
    default int write(ByteBuffer src, long pos) throws ErrnoException {
        throw new ErrnoException(Errno.EINVAL);
    }

    /** The last close of the file. */
    default void release() {
    }
}
