package org.modux.fs.hostfs.impl;

import org.modux.fs.FileSystemType;
import org.modux.fs.SuperBlock;
import org.modux.kernel.printk.Printk;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The filesystem type "hostfs" (Linux: fs/hostfs/hostfs_kern.c, {@code hostfs_type}),
 * {@code nodev}: a directory of the host machine mounted into the VFS, as User-Mode
 * Linux mounts one with {@code mount -t hostfs none /mnt/host -o /host/dir}. The mount
 * data is the host directory, an absolute path. Where UML mounts the host's root
 * when no directory is given, Modux refuses with EINVAL, so that no mount reaches the
 * whole host disk by accident.
 *
 * <p>Built into the kernel core, like rootfs: init mounts the distribution's etc/ and
 * lib/ with it, and /lib/modules must be there before any module loads. Each mount
 * is its own {@link HostfsSuperBlock}; the type itself is stateless.
 */
@Component(service = FileSystemType.class, property = FileSystemType.NAME_PROPERTY + "=hostfs")
public final class Hostfs implements FileSystemType {

    private final Printk log;

    @Activate
    public Hostfs(@Reference Printk printk) {
        this.log = printk.subsystem("hostfs");
    }

    @Override
    public String name() {
        return "hostfs";
    }

    /** {@code hostfs_fill_super}: EINVAL without an absolute host directory, else the host's errno. */
    @Override
    public SuperBlock mount(String source, long flags, String data) throws ErrnoException {
        if (data.isEmpty()) {
            log.prErr("hostfs: no host directory given (mount -t hostfs none DIR -o /host/dir)");
            throw new ErrnoException(Errno.EINVAL);
        }
        if (!data.startsWith("/") || data.indexOf('\0') >= 0) {
            log.prErr("hostfs: host directory '%s' is not an absolute path", data);
            throw new ErrnoException(Errno.EINVAL);
        }
        return HostfsSuperBlock.fill(data);
    }
}
