package org.modux.fs.sysfs.impl;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.modux.kernel.printk.Printk;
import org.modux.lib.kobject.Attribute;
import org.modux.uapi.ErrnoException;

/**
 * The kernfs operations of one sysfs attribute (Linux: fs/sysfs/file.c,
 * {@code sysfs_kf_seq_show} and {@code sysfs_kf_write}): a read shows the value and
 * the newline sysfs adds, cut to a page as Linux does with a warning; a write hands
 * the written text, newline and all, to {@code store}. Immutable.
 */
record SysfsAttributeOps(Attribute attribute, Printk log) implements KernfsOps {

    @Override
    public boolean canRead() {
        return attribute.show() != null;
    }

    @Override
    public boolean canWrite() {
        return attribute.store() != null;
    }

    @Override
    public byte[] seqShow() {
        byte[] text = (attribute.show().get() + "\n").getBytes(StandardCharsets.UTF_8);
        if (text.length >= Sysfs.PAGE_SIZE) {
            log.prWarn("fill_read_buffer: %s returned bad count", attribute.name());
            return Arrays.copyOf(text, Sysfs.PAGE_SIZE - 1);
        }
        return text;
    }

    /** An empty write does not reach {@code store}, as in {@code sysfs_kf_write}. */
    @Override
    public void write(byte[] buf) throws ErrnoException {
        if (buf.length > 0) {
            attribute.store().store(new String(buf, StandardCharsets.UTF_8));
        }
    }

    @Override
    public int atomicWriteLen() {
        return Sysfs.PAGE_SIZE;
    }
}
