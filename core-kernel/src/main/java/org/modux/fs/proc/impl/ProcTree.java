package org.modux.fs.proc.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.modux.fs.FileMode;
import org.modux.fs.Libfs;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/**
 * The tree of /proc entries (Linux: fs/proc/generic.c, with its
 * {@code proc_subdir_lock}): create, find and remove by path. Every mount of procfs
 * shows this one tree. The tree's monitor guards every entry's children.
 */
final class ProcTree {

    /** Linux's PROC_ROOT_INO. */
    static final long ROOT_INO = 1;
    /** Linux's PROC_DYNAMIC_FIRST: where dynamically allocated proc inode numbers start. */
    static final long DYNAMIC_FIRST = 0xF0000000L;

    private final AtomicLong nextIno = new AtomicLong(DYNAMIC_FIRST);
    final ProcEntry root = new ProcEntry("", FileMode.S_IFDIR | 0555, ROOT_INO, null, "kernel");
    /** The pid directories and /proc/self while the scheduler is there, else null. */
    private volatile PidEntries pidEntries;

    /** The root's dynamic entries, or null when there are none. */
    PidEntries pidEntries() {
        return pidEntries;
    }

    /** Attaches the root's dynamic entries (null detaches them). */
    void pidEntries(PidEntries entries) {
        pidEntries = entries;
    }

    /** Adds an entry at {@code path}; its parent must be an existing directory. EINVAL for a name /proc cannot show. */
    synchronized ProcEntry add(String path, int mode, String owner) throws ErrnoException {
        List<String> parts = split(path);
        if (parts.isEmpty()) {
            throw new ErrnoException(Errno.EINVAL);
        }
        checkName(parts.get(parts.size() - 1));
        ProcEntry parent = findLocked(parts.subList(0, parts.size() - 1));
        if (parent == null) {
            throw new ErrnoException(Errno.ENOENT);
        }
        if (!parent.isDir()) {
            throw new ErrnoException(Errno.ENOTDIR);
        }
        String name = parts.get(parts.size() - 1);
        if (parent.children.containsKey(name)) {
            throw new ErrnoException(Errno.EEXIST);
        }
        ProcEntry e = new ProcEntry(name, mode, nextIno.getAndIncrement(), parent, owner);
        parent.children.put(name, e);
        return e;
    }

    /** Finds or makes the directory at {@code path}, with its parents, as sysctl registration does; EINVAL for a bad name. */
    synchronized ProcEntry mkdirs(String path, String owner) throws ErrnoException {
        ProcEntry at = root;
        List<String> parts = split(path);
        for (String part : parts) {
            checkName(part);
        }
        for (String part : parts) {
            ProcEntry next = at.children.get(part);
            if (next == null) {
                next = new ProcEntry(part, FileMode.S_IFDIR | 0555, nextIno.getAndIncrement(), at, owner);
                at.children.put(part, next);
            } else if (!next.isDir()) {
                throw new ErrnoException(Errno.ENOTDIR);
            }
            at = next;
        }
        return at;
    }

    /** The entry at {@code path}, or null. */
    synchronized ProcEntry find(String path) {
        return findLocked(split(path));
    }

    /** A child of a directory entry, or null. */
    synchronized ProcEntry child(ProcEntry dir, String name) {
        return dir.children.get(name);
    }

    /** A snapshot of a directory's children. */
    synchronized List<ProcEntry> children(ProcEntry dir) {
        return new ArrayList<>(dir.children.values());
    }

    /** Removes an entry and everything below it; false if it was not there, or a directory above it was removed. */
    synchronized boolean remove(ProcEntry e) {
        if (!belowRootLocked(e)) {
            return false;
        }
        e.parent.children.remove(e.name);
        return true;
    }

    /** Removes empty directories from {@code dir} upwards, stopping at {@code stop}. */
    synchronized void pruneEmpty(ProcEntry dir, ProcEntry stop) {
        ProcEntry at = dir;
        while (at != stop && belowRootLocked(at) && at.children.isEmpty()) {
            at.parent.children.remove(at.name);
            at = at.parent;
        }
    }

    /**
     * Whether {@code e} is in the tree below the root. A removed directory keeps its
     * children, so each step up is checked: an entry below a removed directory is gone too.
     */
    private boolean belowRootLocked(ProcEntry e) {
        if (e == root) {
            return false;
        }
        for (ProcEntry at = e; at != root; at = at.parent) {
            if (at.parent == null || at.parent.children.get(at.name) != at) {
                return false;
            }
        }
        return true;
    }

    private ProcEntry findLocked(List<String> parts) {
        ProcEntry at = root;
        for (String part : parts) {
            at = at.children.get(part);
            if (at == null) {
                return null;
            }
        }
        return at;
    }

    /** {@code __proc_create}'s rule: a name has 1 to 255 characters and is not "." or "..". */
    private static void checkName(String name) throws ErrnoException {
        if (name.isEmpty() || name.length() > 255 || name.equals(".") || name.equals("..")) {
            throw new ErrnoException(Errno.EINVAL);
        }
    }

    static List<String> split(String path) {
        return Libfs.pathComponents(path);
    }
}
