package org.modux.fs.sysfs.impl;

import java.util.LinkedHashMap;
import java.util.Map;

import org.modux.fs.FileMode;

/**
 * One directory, file or symlink in a kernfs tree (Linux: {@code struct kernfs_node},
 * include/linux/kernfs.h). A kobject keeps the node of its directory as its
 * {@code sd}; to code outside kernfs the node is an opaque handle.
 *
 * <p>The identity (name, parent, mode, inode number, creation time, and the ops or
 * target) is fixed at creation. {@link #children}, {@link #subdirs}, {@link #active}
 * and {@link #removed} are guarded by the tree's {@code kernfsMutex} ({@link Kernfs}).
 * Each node has one {@link KernfsInode}, shared by every mount.
 */
public final class KernfsNode {

    final Kernfs kernfs;
    final String name;
    final KernfsNode parent;
    final long ino;
    final int mode;
    final long ctimeNanos;
    /** A file's operations and reported size; null and 0 for other nodes. */
    final KernfsOps ops;
    final long size;
    /** A symlink's target; null for other nodes. */
    final KernfsNode target;
    final KernfsInode inode;

    /** A directory's entries, in the order they were added. */
    final Map<String, KernfsNode> children = new LinkedHashMap<>();
    /** How many of {@link #children} are directories: a directory's nlink is this plus 2. */
    int subdirs;
    /** Operations (show, store) in progress on this node: {@code kernfs_get_active} references. */
    int active;
    /** Set by {@code kernfs_remove}; a removed node takes no new active references. */
    boolean removed;

    KernfsNode(Kernfs kernfs, KernfsNode parent, String name, long ino, int mode, KernfsOps ops, long size,
            KernfsNode target) {
        this.kernfs = kernfs;
        this.parent = parent;
        this.name = name;
        this.ino = ino;
        this.mode = mode;
        this.ops = ops;
        this.size = size;
        this.target = target;
        this.ctimeNanos = System.currentTimeMillis() * 1_000_000L;
        this.inode = new KernfsInode(this);
    }

    boolean isDir() {
        return FileMode.isDir(mode);
    }

    @Override
    public String toString() {
        return "kernfs_node " + kernfs.path(this);
    }
}
