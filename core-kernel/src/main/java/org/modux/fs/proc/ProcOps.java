package org.modux.fs.proc;

import org.modux.fs.FileOperations;
import org.modux.uapi.ErrnoException;

/**
 * Raw operations for a /proc file that is not a snapshot, such as {@code /proc/kmsg},
 * whose reads wait for and consume messages (Linux: {@code struct proc_ops}).
 */
@FunctionalInterface
public interface ProcOps {

    /** {@code proc_open}: the per-open operations. */
    FileOperations open(int flags) throws ErrnoException;
}
