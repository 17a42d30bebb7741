package org.modux.fs;

import java.util.List;

import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/**
 * A filesystem object (Linux: {@code struct inode} with its {@code inode_operations}).
 * Filesystems implement the operations their objects support; the defaults fail
 * with the errno Linux's VFS returns when an operation is missing. The VFS calls
 * these methods under its own locking: implementations guard only their own state.
 */
public interface Inode {

    /** Inode number, unique within the superblock. */
    long ino();

    /** Type and permission bits ({@link FileMode}). */
    int mode();

    default int uid() {
        return 0;
    }

    default int gid() {
        return 0;
    }

    default int nlink() {
        return FileMode.isDir(mode()) ? 2 : 1;
    }

    /** Size in bytes; generated files report 0, as procfs does. */
    default long size() {
        return 0;
    }

    /** Modification time, nanoseconds since the epoch. */
    default long mtimeNanos() {
        return 0;
    }

    /** Finds a child of this directory; null if there is none. */
    default Inode lookup(String name) throws ErrnoException {
        throw new ErrnoException(Errno.ENOTDIR);
    }

    /** The children of this directory, without "." and "..". */
    default List<DirEntry> readdir() throws ErrnoException {
        throw new ErrnoException(Errno.ENOTDIR);
    }

    /** Creates a regular file in this directory ({@code vfs_create}: EACCES when unsupported). */
    default Inode create(String name, int mode) throws ErrnoException {
        throw new ErrnoException(Errno.EACCES);
    }

    /** Creates a directory ({@code vfs_mkdir}: EPERM when unsupported). */
    default Inode mkdir(String name, int mode) throws ErrnoException {
        throw new ErrnoException(Errno.EPERM);
    }

    /** Removes a non-directory entry ({@code vfs_unlink}: EPERM when unsupported). */
    default void unlink(String name) throws ErrnoException {
        throw new ErrnoException(Errno.EPERM);
    }

    /** Removes an empty directory ({@code vfs_rmdir}: EPERM when unsupported). */
    default void rmdir(String name) throws ErrnoException {
        throw new ErrnoException(Errno.EPERM);
    }

    /** Opens this regular file; the result carries the per-open state. */
    default FileOperations open(int flags) throws ErrnoException {
        throw new ErrnoException(Errno.ENXIO);
    }

    /** Cuts the file to {@code size} bytes ({@code O_TRUNC}); generated files ignore it. */
    default void truncate(long size) throws ErrnoException {
    }

    /** The target of this symbolic link. */
    default String readlink() throws ErrnoException {
        throw new ErrnoException(Errno.EINVAL);
    }
}
