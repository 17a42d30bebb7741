package org.modux.fs.sysfs.impl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.modux.fs.DirEntry;
import org.modux.fs.FileMode;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/**
 * A kernfs tree (Linux: fs/kernfs/dir.c and symlink.c): directories, files and
 * symlinks that pseudo filesystems such as sysfs are built from. It adds, finds,
 * lists and removes nodes, and keeps the active references that let removal wait
 * for a show or store already running on a file ({@code kernfs_drain}), so once
 * {@link #remove} returns no code behind the removed files is called again.
 *
 * <p>Locking: {@code kernfsMutex} (Linux: {@code kernfs_rwsem}) guards the mutable
 * fields of every node in the tree. It is never held while file operations run;
 * {@link #remove} gives it up while it waits for them. A caller of {@link #remove}
 * must therefore hold no lock that a show or store may take. A show or store that
 * removes its own node, or a directory above it, is not waited for
 * ({@code kernfs_remove_self}).
 */
final class Kernfs {

    /** Linux gives the root of a kernfs tree inode number 1. */
    static final long ROOT_INO = 1;

    private final ReentrantLock kernfsMutex = new ReentrantLock();
    private final Condition drained = kernfsMutex.newCondition();
    private final AtomicLong lastIno = new AtomicLong(ROOT_INO);
    /** The node whose operation this thread is running, if any. */
    private final ThreadLocal<KernfsNode> activeOnThisThread = new ThreadLocal<>();
    private final KernfsNode root;

    /** Operation run with an active reference held. */
    @FunctionalInterface
    interface ActiveOp<T> {
        T run() throws ErrnoException;
    }

    Kernfs(int rootMode) {
        this.root = new KernfsNode(this, null, "", ROOT_INO, FileMode.S_IFDIR | rootMode, null, 0, null);
    }

    KernfsNode root() {
        return root;
    }

    /** {@code kernfs_create_dir}: EEXIST if the name is taken, ENOENT if {@code parent} is removed. */
    KernfsNode createDir(KernfsNode parent, String name, int mode) throws ErrnoException {
        return addOne(new KernfsNode(this, parent, name, nextIno(), FileMode.S_IFDIR | mode, null, 0, null));
    }

    /** {@code __kernfs_create_file}: a regular file of {@code size} bytes as stat shows it. */
    KernfsNode createFile(KernfsNode parent, String name, int mode, long size, KernfsOps ops)
            throws ErrnoException {
        return addOne(new KernfsNode(this, parent, name, nextIno(), FileMode.S_IFREG | mode, ops, size, null));
    }

    /** {@code kernfs_create_link}: a symlink {@code name} in {@code parent} to {@code target}. */
    KernfsNode createLink(KernfsNode parent, String name, KernfsNode target) throws ErrnoException {
        return addOne(new KernfsNode(this, parent, name, nextIno(), FileMode.S_IFLNK | 0777, null, 0, target));
    }

    private long nextIno() {
        return lastIno.incrementAndGet();
    }

    /** {@code kernfs_add_one}: links a new node into its parent. */
    private KernfsNode addOne(KernfsNode kn) throws ErrnoException {
        checkName(kn.name);
        kernfsMutex.lock();
        try {
            KernfsNode parent = kn.parent;
            if (parent.removed) {
                throw new ErrnoException(Errno.ENOENT);
            }
            if (parent.children.putIfAbsent(kn.name, kn) != null) {
                throw new ErrnoException(Errno.EEXIST);
            }
            if (kn.isDir()) {
                parent.subdirs++;
            }
            return kn;
        } finally {
            kernfsMutex.unlock();
        }
    }

    private static void checkName(String name) throws ErrnoException {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0) {
            throw new ErrnoException(Errno.EINVAL);
        }
    }

    /** {@code kernfs_find_ns}: the live child called {@code name}, or null. */
    KernfsNode find(KernfsNode parent, String name) {
        kernfsMutex.lock();
        try {
            return parent.removed ? null : parent.children.get(name);
        } finally {
            kernfsMutex.unlock();
        }
    }

    /** {@code kernfs_fop_readdir}: a live directory's entries; a removed directory is empty. */
    List<DirEntry> readdir(KernfsNode dir) {
        kernfsMutex.lock();
        try {
            List<DirEntry> entries = new ArrayList<>(dir.children.size());
            for (KernfsNode kn : dir.children.values()) {
                entries.add(new DirEntry(kn.name, kn.ino, FileMode.dtype(kn.mode)));
            }
            return entries;
        } finally {
            kernfsMutex.unlock();
        }
    }

    /** The number of subdirectories, for a directory's nlink. */
    int subdirs(KernfsNode dir) {
        kernfsMutex.lock();
        try {
            return dir.subdirs;
        } finally {
            kernfsMutex.unlock();
        }
    }

    /** {@code kernfs_remove_by_name}: removes the child called {@code name}; false if there is none. */
    boolean removeByName(KernfsNode parent, String name) {
        KernfsNode kn = find(parent, name);
        if (kn == null) {
            return false;
        }
        remove(kn);
        return true;
    }

    /**
     * {@code kernfs_remove}: unlinks {@code kn} and everything below it, then waits
     * until no show or store is running on any of them. Removing a removed node, or
     * the root, does nothing.
     */
    void remove(KernfsNode kn) {
        kernfsMutex.lock();
        try {
            if (kn == root || kn.removed) {
                return;
            }
            KernfsNode parent = kn.parent;
            parent.children.remove(kn.name);
            if (kn.isDir()) {
                parent.subdirs--;
            }
            drainLocked(deactivateLocked(kn));
        } finally {
            kernfsMutex.unlock();
        }
    }

    /** Marks {@code kn} and its subtree removed and empties its directories; returns the nodes. */
    private static List<KernfsNode> deactivateLocked(KernfsNode kn) {
        List<KernfsNode> gone = new ArrayList<>();
        Deque<KernfsNode> todo = new ArrayDeque<>();
        todo.push(kn);
        while (!todo.isEmpty()) {
            KernfsNode n = todo.pop();
            n.removed = true;
            gone.add(n);
            n.children.values().forEach(todo::push);
            n.children.clear();
            n.subdirs = 0;
        }
        return gone;
    }

    /** {@code kernfs_drain}: waits, giving up the mutex, for active references other than this thread's. */
    private void drainLocked(List<KernfsNode> gone) {
        KernfsNode self = activeOnThisThread.get();
        for (KernfsNode kn : gone) {
            int own = kn == self ? 1 : 0;
            while (kn.active > own) {
                drained.awaitUninterruptibly();
            }
        }
    }

    /**
     * Runs {@code op} holding an active reference on {@code kn} ({@code kernfs_get_active}
     * and {@code kernfs_put_active}); ENODEV if the node has been removed.
     */
    <T> T withActive(KernfsNode kn, ActiveOp<T> op) throws ErrnoException {
        getActive(kn);
        KernfsNode outer = activeOnThisThread.get();
        activeOnThisThread.set(kn);
        try {
            return op.run();
        } finally {
            activeOnThisThread.set(outer);
            putActive(kn);
        }
    }

    private void getActive(KernfsNode kn) throws ErrnoException {
        kernfsMutex.lock();
        try {
            if (kn.removed) {
                throw new ErrnoException(Errno.ENODEV);
            }
            kn.active++;
        } finally {
            kernfsMutex.unlock();
        }
    }

    private void putActive(KernfsNode kn) {
        kernfsMutex.lock();
        try {
            if (--kn.active == 0 && kn.removed) {
                drained.signalAll();
            }
        } finally {
            kernfsMutex.unlock();
        }
    }

    /** {@code kernfs_path}: the node's path from the root, such as {@code /module/hello}; "/" for the root. */
    String path(KernfsNode kn) {
        if (kn == root) {
            return "/";
        }
        StringBuilder path = new StringBuilder();
        for (KernfsNode n = kn; n != root && n != null; n = n.parent) {
            path.insert(0, n.name).insert(0, '/');
        }
        return path.toString();
    }

    /**
     * {@code kernfs_get_target_path}: the symlink's target relative to the directory
     * holding it, as readlink shows it: one {@code ../} per level up to the nearest
     * directory above the target, then down to the target ({@code ../../module/hello}).
     */
    static String getTargetPath(KernfsNode link) {
        StringBuilder path = new StringBuilder();
        KernfsNode base = link.parent;
        while (base.parent != null && !isAbove(base, link.target)) {
            path.append("../");
            base = base.parent;
        }
        StringBuilder down = new StringBuilder();
        for (KernfsNode n = link.target; n != base; n = n.parent) {
            if (!down.isEmpty()) {
                down.insert(0, '/');
            }
            down.insert(0, n.name);
        }
        return path.append(down).toString();
    }

    /** Whether {@code dir} is a proper ancestor of {@code kn}. */
    private static boolean isAbove(KernfsNode dir, KernfsNode kn) {
        for (KernfsNode n = kn.parent; n != null; n = n.parent) {
            if (n == dir) {
                return true;
            }
        }
        return false;
    }
}
