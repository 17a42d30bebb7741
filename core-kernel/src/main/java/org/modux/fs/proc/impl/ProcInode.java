package org.modux.fs.proc.impl;

import java.util.ArrayList;
import java.util.List;

import org.modux.fs.DirEntry;
import org.modux.fs.FileMode;
import org.modux.fs.FileOperations;
import org.modux.fs.Inode;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/**
 * The inode of a /proc entry (Linux: fs/proc/inode.c, proc_reg_file_ops, and
 * fs/proc/proc_sysctl.c for entries under /proc/sys). Looks entries up in the tree at
 * each call, so entries added or removed show at once; the root also shows the
 * tree's {@link PidEntries} (the pid directories and "self").
 */
final class ProcInode implements Inode {

    private final ProcTree tree;
    private final ProcEntry entry;

    ProcInode(ProcTree tree, ProcEntry entry) {
        this.tree = tree;
        this.entry = entry;
    }

    @Override
    public long ino() {
        return entry.ino;
    }

    @Override
    public int mode() {
        return entry.mode;
    }

    @Override
    public int nlink() {
        if (!entry.isDir()) {
            return 1;
        }
        int links = 2 + (int) tree.children(entry).stream().filter(ProcEntry::isDir).count();
        PidEntries pids = entry == tree.root ? tree.pidEntries() : null;
        if (pids != null) {
            // proc_root_getattr: the root's links count the processes too.
            links += (int) pids.readdir().stream().filter(d -> d.type() == FileMode.dtype(FileMode.S_IFDIR)).count();
        }
        return links;
    }

    @Override
    public long mtimeNanos() {
        return entry.ctime;
    }

    @Override
    public Inode lookup(String name) throws ErrnoException {
        if (!entry.isDir()) {
            throw new ErrnoException(Errno.ENOTDIR);
        }
        PidEntries pids = entry == tree.root ? tree.pidEntries() : null;
        if (pids != null) {
            Inode dynamic = pids.lookup(name);
            if (dynamic != null) {
                return dynamic;
            }
        }
        ProcEntry child = tree.child(entry, name);
        return child == null ? null : new ProcInode(tree, child);
    }

    @Override
    public List<DirEntry> readdir() throws ErrnoException {
        if (!entry.isDir()) {
            throw new ErrnoException(Errno.ENOTDIR);
        }
        List<DirEntry> out = new ArrayList<>();
        for (ProcEntry c : tree.children(entry)) {
            out.add(new DirEntry(c.name, c.ino, FileMode.dtype(c.mode)));
        }
        PidEntries pids = entry == tree.root ? tree.pidEntries() : null;
        if (pids != null) {
            out.addAll(pids.readdir());
        }
        return out;
    }

    @Override
    public FileOperations open(int flags) throws ErrnoException {
        if (entry.ops != null) {
            return entry.ops.open(flags);
        }
        if (entry.sysctl != null) {
            return new SeqBuffer(m -> m.puts(entry.sysctl.read()).putc('\n'), entry.sysctl::write);
        }
        return new SeqBuffer(entry.show, entry.write);
    }

    @Override
    public String readlink() throws ErrnoException {
        if (entry.target == null) {
            throw new ErrnoException(Errno.EINVAL);
        }
        return entry.target;
    }
}
