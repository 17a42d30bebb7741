package org.modux.fs.proc.impl;

import java.util.List;

import org.modux.fs.DirEntry;
import org.modux.fs.Inode;
import org.modux.uapi.ErrnoException;

/**
 * The part of the /proc root that is not registered but made at each lookup and
 * each readdir from the task list of that moment (Linux: fs/proc/base.c,
 * {@code proc_pid_lookup} and {@code proc_pid_readdir}, which {@code proc_root_lookup}
 * and {@code proc_root_readdir} call). {@link ProcInode} consults it for the root
 * only: lookups before the registered entries, readdir after them, as Linux lists
 * "self" and the pids after the static entries. {@link ProcBase} is the one
 * implementation; it attaches itself to the tree while the scheduler is there.
 */
interface PidEntries {

    /** The entry called {@code name} ("self", a pid), or null if there is none now. */
    Inode lookup(String name) throws ErrnoException;

    /** The entries that exist now, in Linux's order: "self", then the pids in ascending order. */
    List<DirEntry> readdir();
}
