package org.modux.fs.sysfs.impl;

import org.modux.kernel.printk.Printk;
import org.modux.lib.kobject.Attribute;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * sysfs (Linux: fs/sysfs/dir.c, file.c, group.c, symlink.c, and {@code sysfs_init} in
 * mount.c): the one kernfs tree that every mount of /sys shows, and the calls the
 * kobject core makes to put a kobject's directory, attributes, groups and links in
 * it. Directories are {@code drwxr-xr-x}, /sys itself {@code dr-xr-xr-x}; attribute
 * files take the attribute's mode and report a page as their size. Creating a name
 * that exists fails with EEXIST and a warning in the kernel log, as
 * {@code sysfs_warn_dup} gives. Who owns a directory is the kobject core's business
 * (lib.kobject.impl); the filesystem type is {@link SysfsFsType}.
 *
 * <p>Locking: none of its own; the tree's {@code kernfsMutex} ({@link Kernfs}).
 * The remove calls wait for shows and stores in progress, so callers must not hold
 * the kobject lock across them.
 */
@Component(service = Sysfs.class)
public final class Sysfs {

    /** What {@code ls -ld /sys} shows. */
    static final int ROOT_MODE = 0555;
    /** kobject and group directories: {@code S_IRWXU | S_IRUGO | S_IXUGO}. */
    static final int DIR_MODE = 0755;
    static final int PAGE_SIZE = 4096;

    private final Kernfs kernfs = new Kernfs(ROOT_MODE);
    private final Printk log;

    @Activate
    public Sysfs(@Reference Printk printk) {
        this.log = printk.subsystem("sysfs");
    }

    KernfsNode root() {
        return kernfs.root();
    }

    /** {@code sysfs_create_dir_ns}: a directory in {@code parent} (null: /sys itself). */
    public KernfsNode createDir(KernfsNode parent, String name) throws ErrnoException {
        KernfsNode dir = parent == null ? kernfs.root() : parent;
        try {
            return kernfs.createDir(dir, name, DIR_MODE);
        } catch (ErrnoException e) {
            throw warnDup(e, dir, name);
        }
    }

    /** {@code sysfs_create_file}: the attribute's file in {@code dir}. */
    public void createFile(KernfsNode dir, Attribute attribute) throws ErrnoException {
        try {
            kernfs.createFile(dir, attribute.name(), attribute.mode() & 07777, PAGE_SIZE,
                    new SysfsAttributeOps(attribute, log));
        } catch (ErrnoException e) {
            throw warnDup(e, dir, attribute.name());
        }
    }

    /** {@code sysfs_create_group}: a subdirectory {@code name} of attributes; all or nothing. */
    public void createGroup(KernfsNode dir, String name, Attribute... attributes) throws ErrnoException {
        KernfsNode group = createDir(dir, name);
        try {
            for (Attribute a : attributes) {
                createFile(group, a);
            }
        } catch (ErrnoException e) {
            kernfs.remove(group);
            throw e;
        }
    }

    /** {@code sysfs_create_link}: a symlink {@code name} in {@code dir} to {@code target}. */
    public void createLink(KernfsNode dir, String name, KernfsNode target) throws ErrnoException {
        try {
            kernfs.createLink(dir, name, target);
        } catch (ErrnoException e) {
            throw warnDup(e, dir, name);
        }
    }

    /** {@code sysfs_remove_dir}: the directory and everything in it. */
    public void removeDir(KernfsNode dir) {
        kernfs.remove(dir);
    }

    /** {@code sysfs_remove_file}, {@code sysfs_remove_group}, {@code sysfs_remove_link}: a missing name is ignored. */
    public void removeByName(KernfsNode dir, String name) {
        kernfs.removeByName(dir, name);
    }

    private ErrnoException warnDup(ErrnoException e, KernfsNode dir, String name) {
        if (e.errno() == Errno.EEXIST) {
            String path = dir == kernfs.root() ? "/" + name : kernfs.path(dir) + "/" + name;
            log.prWarn("sysfs: cannot create duplicate filename '%s'", path);
        }
        return e;
    }
}
