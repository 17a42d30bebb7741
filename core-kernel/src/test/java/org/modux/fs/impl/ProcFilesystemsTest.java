package org.modux.fs.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.modux.fs.impl.Shell.cat;

import org.junit.jupiter.api.Test;
import org.modux.fs.FileSystemType;
import org.modux.fs.SuperBlock;
import org.modux.fs.proc.impl.ProcFixture;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/** /proc/filesystems as cat shows it: the registered types, nodev ones marked. */
class ProcFilesystemsTest {

    /** ext2 as Linux registers it: FS_REQUIRES_DEV. */
    private static final FileSystemType EXT2 = new FileSystemType() {
        @Override
        public String name() {
            return "ext2";
        }

        @Override
        public boolean requiresDev() {
            return true;
        }

        @Override
        public SuperBlock mount(String source, long flags, String data) throws ErrnoException {
            throw new ErrnoException(Errno.ENXIO);
        }
    };

    private final ProcFixture fx = new ProcFixture();
    private final VfsImpl vfs = new VfsImpl(fx.printk);
    private final Ramfs ramfs = new Ramfs();
    private final ProcFilesystems filesystems;

    ProcFilesystemsTest() throws ErrnoException {
        vfs.registerFilesystem(ramfs);
        vfs.registerFilesystem(fx.type);
        vfs.mkdir("/proc", 0555);
        vfs.mount("proc", "/proc", "proc", 0, "");
        filesystems = new ProcFilesystems(fx.procFs(ProcFixture.KERNEL), vfs);
    }

    @Test
    void typesAreListedInRegistrationOrderWithNodevAndATab() throws ErrnoException {
        assertEquals("nodev\tramfs\nnodev\tproc\n", cat(vfs, "/proc/filesystems"));
    }

    @Test
    void aTypeOnADeviceHasOnlyTheTab() throws ErrnoException {
        vfs.registerFilesystem(EXT2);
        assertEquals("nodev\tramfs\nnodev\tproc\n\text2\n", cat(vfs, "/proc/filesystems"));
    }

    @Test
    void anUnregisteredTypeIsNoLongerListed() throws ErrnoException {
        vfs.registerFilesystem(EXT2);
        vfs.unregisterFilesystem(ramfs);
        assertEquals("nodev\tproc\n\text2\n", cat(vfs, "/proc/filesystems"));
    }

    @Test
    void deactivationRemovesTheFile() throws ErrnoException {
        filesystems.deactivate();
        assertEquals(Errno.ENOENT, assertThrows(ErrnoException.class, () -> vfs.stat("/proc/filesystems")).errno());
    }
}
