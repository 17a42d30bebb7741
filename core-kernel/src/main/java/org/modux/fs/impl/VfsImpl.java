package org.modux.fs.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.modux.fs.DirEntry;
import org.modux.fs.File;
import org.modux.fs.FileMode;
import org.modux.fs.FileOperations;
import org.modux.fs.FileSystemType;
import org.modux.fs.Inode;
import org.modux.fs.Kstat;
import org.modux.fs.OpenFlags;
import org.modux.fs.SuperBlock;
import org.modux.fs.Vfs;
import org.modux.kernel.printk.Printk;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The file system calls (Linux: fs/open.c, fs/namei.c, fs/stat.c, fs/readdir.c,
 * fs/namespace.c) over the mount table in {@link Namespace}, and the list of
 * registered filesystem types (fs/filesystems.c), which are OSGi services.
 *
 * <p>Permissions: every caller is root, and files are checked against their owner
 * bits with no {@code CAP_DAC_OVERRIDE}, as procfs checks sysctls: writing a 0444
 * file fails with EACCES. New files get the mode asked for less a umask of 022.
 *
 * <p>Locking: the namespace lock (see {@link Namespace}); {@link #types} is a
 * copy-on-write list, read without locking.
 */
@Component(service = {Vfs.class, VfsImpl.class})
public final class VfsImpl implements Vfs {

    private static final int UMASK = 022;

    private final Namespace ns = new Namespace();
    private final List<FileSystemType> types = new CopyOnWriteArrayList<>();
    private final Printk log;

    @Activate
    public VfsImpl(@Reference Printk printk) {
        this.log = printk.subsystem("vfs");
        ns.mountRoot("rootfs", "rootfs", new Ramfs.RamSuperBlock(), 0);
    }

    /** {@code register_filesystem}: called by SCR as filesystem types come. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void registerFilesystem(FileSystemType type) {
        types.add(type);
    }

    /**
     * {@code unregister_filesystem}: Linux pins a filesystem's module while it is
     * mounted; a type that goes anyway is unmounted everywhere first.
     */
    void unregisterFilesystem(FileSystemType type) {
        types.remove(type);
        if (type.getClass().getClassLoader() == VfsImpl.class.getClassLoader()) {
            // A type of the kernel core itself goes only as the whole kernel stops.
            return;
        }
        for (Mount m : ns.mounts()) {
            if (m.fstype().equals(type.name())) {
                log.prWarn("VFS: %s unregistered while mounted on %s, unmounting", type.name(), m.mountpoint());
                try {
                    ns.umount(m.mountpoint());
                    m.sb().kill();
                } catch (ErrnoException e) {
                    log.prErr("VFS: cannot unmount %s: %s", m.mountpoint(), e.getMessage());
                }
            }
        }
    }

    /** The registered types, in registration order, as /proc/filesystems lists them. */
    List<FileSystemType> filesystems() {
        return List.copyOf(types);
    }

    /** The mounts, in mount order, as /proc/mounts lists them. */
    List<Mount> mounts() {
        return ns.mounts();
    }

    @Override
    public File open(String path, int flags, int mode) throws ErrnoException {
        if ((flags & OpenFlags.O_CREAT) != 0) {
            Namespace.Resolved created = create(path, flags, mode);
            if (created != null) {
                // may_open: the open that made the file is not checked against the mode it gave it.
                return new OpenFile(created.path(), created.inode(), flags, created.inode().open(flags));
            }
        }
        Namespace.Resolved r = ns.walk(path, (flags & OpenFlags.O_NOFOLLOW) == 0);
        Inode inode = r.inode();
        boolean dir = FileMode.isDir(inode.mode());
        if ((flags & OpenFlags.O_DIRECTORY) != 0 && !dir) {
            throw new ErrnoException(Errno.ENOTDIR);
        }
        if (FileMode.isLnk(inode.mode())) {
            throw new ErrnoException(Errno.ELOOP);
        }
        boolean write = OpenFlags.writable(flags);
        if (dir && write) {
            throw new ErrnoException(Errno.EISDIR);
        }
        checkPermission(inode, OpenFlags.readable(flags), write);
        if (write && (r.mount().flags() & MS_RDONLY) != 0) {
            throw new ErrnoException(Errno.EROFS);
        }
        if (dir) {
            return new OpenFile(r.path(), inode, flags, new FileOperations() { });
        }
        if (write && (flags & OpenFlags.O_TRUNC) != 0 && FileMode.isReg(inode.mode())) {
            inode.truncate(0);
        }
        return new OpenFile(r.path(), inode, flags, inode.open(flags));
    }

    /** {@code O_CREAT}: makes the file and returns it; null if the name is taken (EEXIST with {@code O_EXCL}). */
    private Namespace.Resolved create(String path, int flags, int mode) throws ErrnoException {
        Namespace.Parent p = ns.walkParent(path);
        if (p.last() != Namespace.Last.NORM || p.slash()) {
            // open_last_lookups: "/", ".", ".." and "name/" are directories, which O_CREAT does not open.
            throw new ErrnoException(Errno.EISDIR);
        }
        Inode dir = p.dir().inode();
        if (dir.lookup(p.name()) != null) {
            if ((flags & OpenFlags.O_EXCL) != 0) {
                throw new ErrnoException(Errno.EEXIST);
            }
            return null;
        }
        checkWritableMount(p);
        checkPermission(dir, false, true);
        Inode created = dir.create(p.name(), FileMode.S_IFREG | (mode & 07777 & ~UMASK));
        return new Namespace.Resolved(child(p.dir().path(), p.name()), created, p.dir().mount());
    }

    private static void checkPermission(Inode inode, boolean read, boolean write) throws ErrnoException {
        int mode = inode.mode();
        if (read && (mode & FileMode.S_IRUSR) == 0 || write && (mode & FileMode.S_IWUSR) == 0) {
            throw new ErrnoException(Errno.EACCES);
        }
    }

    @Override
    public Kstat stat(String path) throws ErrnoException {
        return kstat(ns.walk(path, true));
    }

    @Override
    public Kstat lstat(String path) throws ErrnoException {
        return kstat(ns.walk(path, false));
    }

    private static Kstat kstat(Namespace.Resolved r) {
        Inode i = r.inode();
        long size = FileMode.isLnk(i.mode()) ? linkLength(i) : i.size();
        long t = i.mtimeNanos();
        return new Kstat(r.mount().dev(), i.ino(), i.mode(), i.nlink(), i.uid(), i.gid(), 0, size, 4096,
                (size + 511) / 512, t, t, t);
    }

    private static long linkLength(Inode link) {
        try {
            return link.readlink().length();
        } catch (ErrnoException e) {
            return 0;
        }
    }

    @Override
    public List<DirEntry> getdents(String path) throws ErrnoException {
        Namespace.Resolved dir = ns.walk(path, true);
        if (!FileMode.isDir(dir.inode().mode())) {
            throw new ErrnoException(Errno.ENOTDIR);
        }
        checkPermission(dir.inode(), true, false);
        Namespace.Resolved parent = ns.walk(child(dir.path(), ".."), true);
        List<DirEntry> entries = new ArrayList<>();
        entries.add(new DirEntry(".", dir.inode().ino(), FileMode.dtype(FileMode.S_IFDIR)));
        entries.add(new DirEntry("..", parent.inode().ino(), FileMode.dtype(FileMode.S_IFDIR)));
        entries.addAll(dir.inode().readdir());
        return entries;
    }

    @Override
    public String readlink(String path) throws ErrnoException {
        Inode i = ns.walk(path, false).inode();
        if (!FileMode.isLnk(i.mode())) {
            throw new ErrnoException(Errno.EINVAL);
        }
        return i.readlink();
    }

    @Override
    public String realpath(String path) throws ErrnoException {
        return ns.walk(path, true).path();
    }

    @Override
    public void mkdir(String path, int mode) throws ErrnoException {
        Namespace.Parent p = ns.walkParent(path);
        Inode dir = p.dir().inode();
        if (p.last() != Namespace.Last.NORM || dir.lookup(p.name()) != null) {
            throw new ErrnoException(Errno.EEXIST);
        }
        checkWritableMount(p);
        dir.mkdir(p.name(), FileMode.S_IFDIR | (mode & 07777 & ~UMASK));
    }

    @Override
    public void rmdir(String path) throws ErrnoException {
        Namespace.Parent p = ns.walkParent(path);
        switch (p.last()) {
            case ROOT -> throw new ErrnoException(Errno.EBUSY);
            case DOT -> throw new ErrnoException(Errno.EINVAL);
            case DOTDOT -> throw new ErrnoException(Errno.ENOTEMPTY);
            case NORM -> checkWritableMount(p);
        }
        Inode victim = existing(p);
        if (!FileMode.isDir(victim.mode())) {
            throw new ErrnoException(Errno.ENOTDIR);
        }
        String full = child(p.dir().path(), p.name());
        if (ns.mounts().stream().anyMatch(m -> m.mountpoint().equals(full))) {
            throw new ErrnoException(Errno.EBUSY);
        }
        p.dir().inode().rmdir(p.name());
    }

    @Override
    public void unlink(String path) throws ErrnoException {
        Namespace.Parent p = ns.walkParent(path);
        if (p.last() != Namespace.Last.NORM) {
            throw new ErrnoException(Errno.EISDIR);
        }
        checkWritableMount(p);
        if (FileMode.isDir(existing(p).mode())) {
            throw new ErrnoException(Errno.EISDIR);
        }
        if (p.slash()) {
            // "file/" names a directory, and a file is none (do_unlinkat's slashes label).
            throw new ErrnoException(Errno.ENOTDIR);
        }
        p.dir().inode().unlink(p.name());
    }

    /** {@code mnt_want_write}: EROFS on a read-only mount, before the name is looked up, as in do_unlinkat. */
    private static void checkWritableMount(Namespace.Parent p) throws ErrnoException {
        if ((p.dir().mount().flags() & MS_RDONLY) != 0) {
            throw new ErrnoException(Errno.EROFS);
        }
    }

    private static Inode existing(Namespace.Parent p) throws ErrnoException {
        Inode i = p.dir().inode().lookup(p.name());
        if (i == null) {
            throw new ErrnoException(Errno.ENOENT);
        }
        return i;
    }

    @Override
    public void mount(String source, String target, String fstype, long flags, String data) throws ErrnoException {
        FileSystemType type = types.stream().filter(t -> t.name().equals(fstype)).findFirst()
                .orElseThrow(() -> new ErrnoException(Errno.ENODEV));
        SuperBlock sb = type.mount(source, flags, data == null ? "" : data);
        // path_mount: relatime unless noatime or strictatime is asked for, flags Modux does not have.
        ns.mount(source, target, fstype, sb, flags | MS_RELATIME);
    }

    @Override
    public void umount(String target) throws ErrnoException {
        ns.umount(target).sb().kill();
    }

    private static String child(String dir, String name) {
        return dir.equals("/") ? "/" + name : dir + "/" + name;
    }

}
