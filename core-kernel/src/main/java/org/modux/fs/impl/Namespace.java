package org.modux.fs.impl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.modux.fs.Libfs;
import org.modux.fs.FileMode;
import org.modux.fs.Inode;
import org.modux.fs.SuperBlock;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/**
 * The mount table and path lookup (Linux: fs/namespace.c, fs/namei.c). Mounts are
 * keyed by the canonical path of their mount point; a walk keeps the chain of inodes
 * it came through, so ".." goes back up, across mount points, exactly as typed.
 *
 * <p>Locking: {@link #lock} (Linux's {@code namespace_sem}) guards the mount table;
 * walks hold it for reading, mount and umount for writing. Inode operations are
 * called with it held for reading and do their own locking.
 */
final class Namespace {

    /** Linux's {@code MAXSYMLINKS}. */
    static final int MAX_SYMLINKS = 40;
    /** Linux's {@code PATH_MAX}: the bytes of a path with its terminating NUL. */
    static final int PATH_MAX = 4096;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Mount point path to the mounts stacked on it, last one on top. Guarded by {@link #lock}. */
    private final Map<String, List<Mount>> mounts = new LinkedHashMap<>();
    private int nextAnonMinor = 1;

    /** A resolved path: its canonical form, its inode and the mount it lies on. */
    record Resolved(String path, Inode inode, Mount mount) {
    }

    /**
     * What the last component of a path is (Linux's {@code LAST_NORM}, {@code LAST_ROOT},
     * {@code LAST_DOT}, {@code LAST_DOTDOT}): each call that creates or removes has its
     * own errno for a name that is not a plain one.
     */
    enum Last { NORM, ROOT, DOT, DOTDOT }

    /**
     * A resolved parent directory and the last component of a path, for create and
     * remove; {@code slash} says the path ended in '/', so it names a directory.
     */
    record Parent(Resolved dir, String name, Last last, boolean slash) {
    }

    ReentrantReadWriteLock lock() {
        return lock;
    }

    /** Mounts the root filesystem; called once, before any walk. */
    void mountRoot(String source, String fstype, SuperBlock sb, long flags) {
        lock.writeLock().lock();
        try {
            mounts.put("/", new ArrayList<>(List.of(new Mount(source, "/", fstype, sb, flags, anonDev()))));
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Adds a mount on {@code target}, which must be an existing directory. */
    Mount mount(String source, String target, String fstype, SuperBlock sb, long flags) throws ErrnoException {
        lock.writeLock().lock();
        try {
            Resolved at = walkLocked(target, true);
            if (!FileMode.isDir(at.inode().mode())) {
                throw new ErrnoException(Errno.ENOTDIR);
            }
            Mount m = new Mount(source, at.path(), fstype, sb, flags, anonDev());
            mounts.computeIfAbsent(at.path(), k -> new ArrayList<>()).add(m);
            return m;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes the top mount on {@code target}; returns it. */
    Mount umount(String target) throws ErrnoException {
        lock.writeLock().lock();
        try {
            Resolved at = walkLocked(target, true);
            List<Mount> stack = mounts.get(at.path());
            if (stack == null || at.path().equals("/") && stack.size() == 1) {
                throw new ErrnoException(at.path().equals("/") ? Errno.EBUSY : Errno.EINVAL);
            }
            String below = at.path().equals("/") ? "/" : at.path() + "/";
            for (String point : mounts.keySet()) {
                if (point.startsWith(below) && !point.equals(at.path())) {
                    throw new ErrnoException(Errno.EBUSY);
                }
            }
            Mount top = stack.remove(stack.size() - 1);
            if (stack.isEmpty()) {
                mounts.remove(at.path());
            }
            return top;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Every mount, in mount order, as /proc/mounts lists them. */
    List<Mount> mounts() {
        lock.readLock().lock();
        try {
            List<Mount> all = new ArrayList<>();
            mounts.values().forEach(all::addAll);
            all.sort((a, b) -> Long.compare(a.dev(), b.dev()));
            return all;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Whether any mount uses a filesystem of this type. */
    boolean inUse(String fstype) {
        return mounts().stream().anyMatch(m -> m.fstype().equals(fstype));
    }

    /** Resolves an absolute path; {@code follow} says whether a final symlink is followed. */
    Resolved walk(String path, boolean follow) throws ErrnoException {
        lock.readLock().lock();
        try {
            return walkLocked(path, follow);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Resolves all but the last component ({@code filename_parentat}); "/" is its own
     * parent, with {@link Last#ROOT}. ENAMETOOLONG for a last name over 255 characters.
     */
    Parent walkParent(String path) throws ErrnoException {
        checkPathMax(path);
        String trimmed = stripTrailingSlashes(path);
        int slash = trimmed.lastIndexOf('/');
        String name = trimmed.substring(slash + 1);
        Resolved dir = walk(slash == 0 ? "/" : trimmed.substring(0, slash), true);
        if (!FileMode.isDir(dir.inode().mode())) {
            throw new ErrnoException(Errno.ENOTDIR);
        }
        if (name.length() > 255) {
            throw new ErrnoException(Errno.ENAMETOOLONG);
        }
        Last last = switch (name) {
            case "" -> Last.ROOT;
            case "." -> Last.DOT;
            case ".." -> Last.DOTDOT;
            default -> Last.NORM;
        };
        return new Parent(dir, name, last, trimmed.length() < path.length());
    }

    private Resolved walkLocked(String path, boolean follow) throws ErrnoException {
        if (path.isEmpty()) {
            throw new ErrnoException(Errno.ENOENT);
        }
        if (!path.startsWith("/")) {
            throw new ErrnoException(Errno.EINVAL);
        }
        checkPathMax(path);
        Deque<Resolved> chain = new ArrayDeque<>();
        chain.push(top("/", null));
        Deque<String> todo = new ArrayDeque<>(components(path));
        boolean mustBeDir = path.endsWith("/");
        int links = 0;
        while (!todo.isEmpty()) {
            String name = todo.pollFirst();
            Resolved here = chain.peek();
            // Checked before "." and "..", as link_path_walk does: "file/.." is ENOTDIR.
            if (!FileMode.isDir(here.inode().mode())) {
                throw new ErrnoException(Errno.ENOTDIR);
            }
            if (name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (chain.size() > 1) {
                    chain.pop();
                }
                continue;
            }
            if (name.length() > 255) {
                throw new ErrnoException(Errno.ENAMETOOLONG);
            }
            Inode child = here.inode().lookup(name);
            if (child == null) {
                throw new ErrnoException(Errno.ENOENT);
            }
            String childPath = here.path().equals("/") ? "/" + name : here.path() + "/" + name;
            boolean last = todo.isEmpty();
            if (FileMode.isLnk(child.mode()) && (!last || follow || mustBeDir)) {
                if (++links > MAX_SYMLINKS) {
                    throw new ErrnoException(Errno.ELOOP);
                }
                String target = child.readlink();
                if (target.startsWith("/")) {
                    while (chain.size() > 1) {
                        chain.pop();
                    }
                }
                List<String> parts = components(target);
                for (int i = parts.size() - 1; i >= 0; i--) {
                    todo.addFirst(parts.get(i));
                }
                continue;
            }
            chain.push(top(childPath, new Resolved(childPath, child, here.mount())));
        }
        Resolved end = chain.peek();
        if (mustBeDir && !FileMode.isDir(end.inode().mode())) {
            throw new ErrnoException(Errno.ENOTDIR);
        }
        return end;
    }

    /** What a walk sees at {@code path}: the top mount's root if something is mounted there. */
    private Resolved top(String path, Resolved underneath) {
        List<Mount> stack = mounts.get(path);
        if (stack == null || stack.isEmpty()) {
            return underneath;
        }
        Mount m = stack.get(stack.size() - 1);
        return new Resolved(path, m.sb().root(), m);
    }

    /** {@code getname()}'s limit: a path that does not fit PATH_MAX with its NUL is ENAMETOOLONG. */
    private static void checkPathMax(String path) throws ErrnoException {
        if (path.length() >= PATH_MAX || path.getBytes(StandardCharsets.UTF_8).length >= PATH_MAX) {
            throw new ErrnoException(Errno.ENAMETOOLONG);
        }
    }

    private long anonDev() {
        // Anonymous superblocks get major 0 and the next minor, as get_anon_bdev does.
        return nextAnonMinor++;
    }

    static List<String> components(String path) {
        return Libfs.pathComponents(path);
    }

    private static String stripTrailingSlashes(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
