package org.modux.fs;

import java.util.List;

import org.modux.uapi.ErrnoException;

/**
 * The file system calls (Linux: fs/open.c, fs/namei.c, fs/namespace.c, fs/readdir.c,
 * fs/stat.c): what user space, and kernel code acting for it, uses to reach files.
 * Paths are absolute; user space keeps its working directory and resolves relative
 * names against it. Lookup follows "." and "..", mount points and symbolic links.
 */
public interface Vfs {

    /** {@code MS_RDONLY} and friends for {@link #mount}. */
    long MS_RDONLY = 1;
    long MS_NOSUID = 2;
    long MS_NODEV = 4;
    long MS_NOEXEC = 8;
    long MS_RELATIME = 1 << 21;

    /** {@code open(2)}. */
    File open(String path, int flags, int mode) throws ErrnoException;

    /** {@code stat(2)}, following a final symbolic link. */
    Kstat stat(String path) throws ErrnoException;

    /** {@code lstat(2)}, not following a final symbolic link. */
    Kstat lstat(String path) throws ErrnoException;

    /** {@code getdents64(2)} over a whole directory, "." and ".." first, then in the filesystem's order. */
    List<DirEntry> getdents(String path) throws ErrnoException;

    /** {@code readlink(2)}. */
    String readlink(String path) throws ErrnoException;

    /** The canonical absolute path of an existing file: what {@code realpath(3)} and {@code getcwd(2)} give. */
    String realpath(String path) throws ErrnoException;

    /** {@code mkdir(2)}. */
    void mkdir(String path, int mode) throws ErrnoException;

    /** {@code rmdir(2)}. */
    void rmdir(String path) throws ErrnoException;

    /** {@code unlink(2)}. */
    void unlink(String path) throws ErrnoException;

    /** {@code mount(2)}: ENODEV for an unknown type, ENOENT or ENOTDIR for a bad target. */
    void mount(String source, String target, String fstype, long flags, String data) throws ErrnoException;

    /** {@code umount(2)}: EINVAL if {@code target} is not a mount point, EBUSY if something is mounted below it. */
    void umount(String target) throws ErrnoException;
}
