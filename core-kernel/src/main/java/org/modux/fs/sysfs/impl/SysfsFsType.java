package org.modux.fs.sysfs.impl;

import org.modux.fs.FileSystemType;
import org.modux.fs.Inode;
import org.modux.fs.SuperBlock;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The filesystem type "sysfs" (Linux: fs/sysfs/mount.c, {@code sysfs_fs_type}),
 * {@code nodev}. As {@code kernfs_get_tree} finds the existing superblock, every
 * mount gets the same one, over the one tree {@link Sysfs} keeps. Stateless after
 * activation.
 */
@Component(service = FileSystemType.class, property = FileSystemType.NAME_PROPERTY + "=sysfs")
public final class SysfsFsType implements FileSystemType {

    private final SuperBlock sb;

    @Activate
    public SysfsFsType(@Reference Sysfs sysfs) {
        Inode root = sysfs.root().inode;
        this.sb = () -> root;
    }

    @Override
    public String name() {
        return "sysfs";
    }

    @Override
    public SuperBlock mount(String source, long flags, String data) {
        return sb;
    }
}
