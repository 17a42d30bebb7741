package org.modux.fs.proc.impl;

import java.util.LinkedHashMap;
import java.util.Map;

import org.modux.fs.FileMode;
import org.modux.fs.proc.ProcOps;
import org.modux.fs.proc.ProcWrite;
import org.modux.fs.proc.SeqShow;
import org.modux.kernel.sysctl.ProcHandler;

/**
 * One node of the /proc tree (Linux: {@code struct proc_dir_entry}): a directory, a
 * generated file (show and optional write, or raw ops, or a sysctl handler) or a
 * symlink. Mutable fields are guarded by the tree's lock in {@link ProcTree}.
 */
final class ProcEntry {

    final String name;
    final int mode;
    final long ino;
    final long ctime;
    final ProcEntry parent;
    /** Who made it, for the kernel log when it is left behind. */
    final String owner;
    final Map<String, ProcEntry> children = new LinkedHashMap<>();
    SeqShow show;
    ProcWrite write;
    ProcOps ops;
    ProcHandler sysctl;
    String target;

    ProcEntry(String name, int mode, long ino, ProcEntry parent, String owner) {
        this.name = name;
        this.mode = mode;
        this.ino = ino;
        this.parent = parent;
        this.owner = owner;
        this.ctime = System.currentTimeMillis() * 1_000_000L;
    }

    boolean isDir() {
        return FileMode.isDir(mode);
    }

    /** The path below /proc, such as {@code sys/kernel/printk}. */
    String path() {
        if (parent == null) {
            return "";
        }
        String up = parent.path();
        return up.isEmpty() ? name : up + "/" + name;
    }
}
