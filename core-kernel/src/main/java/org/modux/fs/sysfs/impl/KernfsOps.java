package org.modux.fs.sysfs.impl;

import org.modux.uapi.ErrnoException;

/**
 * What a kernfs file does when it is read or written (Linux: {@code struct kernfs_ops}
 * in include/linux/kernfs.h). kernfs calls these with an active reference held on
 * the file's node, so removing the node waits for them; sysfs supplies one per
 * attribute ({@link SysfsAttributeOps}).
 */
interface KernfsOps {

    /** Whether the file has a {@code seq_show}; opening it for reading needs one. */
    boolean canRead();

    /** Whether the file has a {@code write}; opening it for writing needs one. */
    boolean canWrite();

    /** {@code seq_show}: the whole contents, produced once per open. */
    byte[] seqShow() throws ErrnoException;

    /** {@code write}: one write(2)'s bytes, all at once. */
    void write(byte[] buf) throws ErrnoException;

    /** {@code atomic_write_len}: longer writes fail with E2BIG rather than being split. */
    int atomicWriteLen();
}
