package org.modux.fs.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.modux.fs.impl.Shell.cat;

import org.junit.jupiter.api.Test;
import org.modux.fs.FileMode;
import org.modux.fs.FileSystemType;
import org.modux.fs.Libfs;
import org.modux.fs.Inode;
import org.modux.fs.SuperBlock;
import org.modux.fs.Vfs;
import org.modux.fs.proc.impl.ProcFixture;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/** /proc/mounts as cat shows it, one fstab(5) line per mount. */
class ProcMountsTest {

    private static final long PROC_FLAGS = Vfs.MS_NOSUID | Vfs.MS_NODEV | Vfs.MS_NOEXEC | Vfs.MS_RELATIME;

    private final ProcFixture fx = new ProcFixture();
    private final VfsImpl vfs = new VfsImpl(fx.printk);
    private final ProcMounts mounts;

    ProcMountsTest() throws ErrnoException {
        vfs.registerFilesystem(new Ramfs());
        vfs.registerFilesystem(fx.type);
        vfs.mkdir("/proc", 0555);
        vfs.mount("proc", "/proc", "proc", PROC_FLAGS, "");
        mounts = new ProcMounts(fx.procFs(ProcFixture.KERNEL), vfs);
    }

    /** Line {@code n} of /proc/mounts, counting from 0; 0 and 1 are rootfs and proc. */
    private String line(int n) throws ErrnoException {
        return cat(vfs, "/proc/mounts").lines().toList().get(n);
    }

    @Test
    void theBootMountsReadAsLinuxsDo() throws ErrnoException {
        assertEquals("rootfs / rootfs rw 0 0\nproc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n",
                cat(vfs, "/proc/mounts"));
        assertEquals("-r--r--r--", FileMode.toLsString(vfs.stat("/proc/mounts").mode()));
    }

    @Test
    void mountsAreListedInMountOrderAndGoWithUmount() throws ErrnoException {
        vfs.mkdir("/mnt", 0755);
        vfs.mount("none", "/mnt", "ramfs", Vfs.MS_RDONLY, "");
        vfs.mount("top", "/mnt", "ramfs", Vfs.MS_NOEXEC, "");

        assertEquals("""
                rootfs / rootfs rw 0 0
                proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
                none /mnt ramfs ro,relatime 0 0
                top /mnt ramfs rw,noexec,relatime 0 0
                """, cat(vfs, "/proc/mounts"));

        vfs.umount("/mnt");
        assertEquals("""
                rootfs / rootfs rw 0 0
                proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
                none /mnt ramfs ro,relatime 0 0
                """, cat(vfs, "/proc/mounts"));
    }

    @Test
    void everyMountIsRelatimeAsPathMountMakesIt() throws ErrnoException {
        // mount(8) passes no atime flag; Linux's path_mount adds relatime by itself.
        vfs.mkdir("/mnt", 0755);
        vfs.mount("none", "/mnt", "ramfs", 0, "");

        assertEquals("none /mnt ramfs rw,relatime 0 0", line(2));
    }

    @Test
    void aFilesystemsOwnOptionsFollowTheGenericOnes() throws ErrnoException {
        Inode root = new Ramfs().mount("", 0, "").root();
        vfs.registerFilesystem(new FileSystemType() {
            @Override
            public String name() {
                return "optfs";
            }

            @Override
            public SuperBlock mount(String source, long flags, String data) {
                return new SuperBlock() {
                    @Override
                    public Inode root() {
                        return root;
                    }

                    @Override
                    public String showOptions() {
                        return "mode=" + data;
                    }
                };
            }
        });
        vfs.mkdir("/o", 0755);
        vfs.mount("opt", "/o", "optfs", Vfs.MS_RELATIME, "755");

        assertEquals("opt /o optfs rw,relatime,mode=755 0 0", line(2));
    }

    @Test
    void spacesTabsNewlinesAndBackslashesAreOctalEscapes() throws ErrnoException {
        vfs.mkdir("/my dir", 0755);
        vfs.mount("a\tb\\c\nd", "/my dir", "ramfs", 0, "");

        assertEquals("a\\011b\\134c\\012d /my\\040dir ramfs rw,relatime 0 0", line(2));
    }

    @Test
    void aHashIsEscapedInTheSourceButNotInTheMountPoint() throws ErrnoException {
        // Linux's mangle() escapes '#' so that fstab parsers do not take it for a comment;
        // the mount point goes through seq_path, which leaves it.
        vfs.mkdir("/a#b", 0755);
        vfs.mount("dev#1", "/a#b", "ramfs", 0, "");

        assertEquals("dev\\0431 /a#b ramfs rw,relatime 0 0", line(2));
    }

    @Test
    void escapeMakesOctalEscapesOfTheCharactersAsked() {
        assertEquals("plain", Libfs.seqEscape("plain", ProcMounts.MANGLE));
        assertEquals("\\040\\011\\012\\134\\043", Libfs.seqEscape(" \t\n\\#", ProcMounts.MANGLE));
        assertEquals("\\040#", Libfs.seqEscape(" #", ProcMounts.PATH));
        assertEquals("é", Libfs.seqEscape("é", ProcMounts.MANGLE));
    }

    @Test
    void deactivationRemovesTheFile() throws ErrnoException {
        mounts.deactivate();
        assertEquals(Errno.ENOENT, assertThrows(ErrnoException.class, () -> vfs.stat("/proc/mounts")).errno());
    }
}
