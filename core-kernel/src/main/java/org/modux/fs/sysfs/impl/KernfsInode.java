package org.modux.fs.sysfs.impl;

import java.util.List;

import org.modux.fs.DirEntry;
import org.modux.fs.FileMode;
import org.modux.fs.FileOperations;
import org.modux.fs.Inode;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/**
 * The VFS face of a kernfs node (Linux: fs/kernfs/inode.c and the inode operations
 * of fs/kernfs/dir.c and symlink.c): the node's inode number and mode, lookup and
 * readdir for directories, open for files, readlink for symlinks. A directory's nlink
 * counts its subdirectories, as kernfs sets it; the times are the node's creation.
 * It keeps no state of its own: the node's {@link Kernfs} guards what changes.
 */
final class KernfsInode implements Inode {

    private final KernfsNode kn;

    KernfsInode(KernfsNode kn) {
        this.kn = kn;
    }

    @Override
    public long ino() {
        return kn.ino;
    }

    @Override
    public int mode() {
        return kn.mode;
    }

    @Override
    public int nlink() {
        return kn.isDir() ? 2 + kn.kernfs.subdirs(kn) : 1;
    }

    @Override
    public long size() {
        return kn.size;
    }

    @Override
    public long mtimeNanos() {
        return kn.ctimeNanos;
    }

    @Override
    public Inode lookup(String name) throws ErrnoException {
        requireDir();
        KernfsNode child = kn.kernfs.find(kn, name);
        return child == null ? null : child.inode;
    }

    @Override
    public List<DirEntry> readdir() throws ErrnoException {
        requireDir();
        return kn.kernfs.readdir(kn);
    }

    private void requireDir() throws ErrnoException {
        if (!kn.isDir()) {
            throw new ErrnoException(Errno.ENOTDIR);
        }
    }

    @Override
    public FileOperations open(int flags) throws ErrnoException {
        if (!FileMode.isReg(kn.mode)) {
            return Inode.super.open(flags);
        }
        return KernfsOpenFile.open(kn, flags);
    }

    @Override
    public String readlink() throws ErrnoException {
        if (!FileMode.isLnk(kn.mode)) {
            return Inode.super.readlink();
        }
        return Kernfs.getTargetPath(kn);
    }
}
