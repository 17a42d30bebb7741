package org.modux.fs.proc;

import org.modux.uapi.ErrnoException;

/**
 * Adds entries to /proc (Linux: fs/proc/generic.c). Each bundle gets its own
 * instance: everything it creates is owned by it, and removed, with a note in the
 * kernel log, if the bundle goes without removing it. Paths are relative to /proc
 * ({@code "driver/rtc"}); parent directories must exist.
 */
public interface ProcFs {

    /** {@code proc_mkdir}: EEXIST if the name is taken, ENOENT if the parent is missing. */
    void mkdir(String path) throws ErrnoException;

    /** {@code proc_create_single}: a read-only file (mode 0444) printed by {@code show}. */
    default void createSingle(String path, SeqShow show) throws ErrnoException {
        create(path, 0444, show, null);
    }

    /**
     * {@code proc_create_single_data} with a write handler: a file of the given mode;
     * {@code write} may be null for a read-only file.
     */
    void create(String path, int mode, SeqShow show, ProcWrite write) throws ErrnoException;

    /** {@code proc_create} with raw operations. */
    void create(String path, int mode, ProcOps ops) throws ErrnoException;

    /** {@code proc_symlink}. */
    void symlink(String path, String target) throws ErrnoException;

    /** {@code remove_proc_subtree}: removes the entry and everything below it. */
    void remove(String path) throws ErrnoException;
}
