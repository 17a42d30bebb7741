package org.modux.fs.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.modux.fs.DirEntry;
import org.modux.fs.File;
import org.modux.fs.FileMode;
import org.modux.fs.Kstat;
import org.modux.fs.OpenFlags;
import org.modux.fs.Vfs;
import org.modux.lib.kobject.Attribute;
import org.modux.lib.kobject.Kobject;
import org.modux.lib.kobject.KobjectAction;
import org.modux.lib.kobject.Kobjects;
import org.modux.lib.kobject.impl.KobjectFixture;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/** sysfs as user space sees it: mounted on /sys by the VFS, read with open, stat, getdents and readlink. */
class SysfsMountTest {

    private final KobjectFixture k = new KobjectFixture();
    private final VfsImpl vfs = new VfsImpl(k.printk);
    private final Kobjects kobjects = k.kobjects("hello");

    SysfsMountTest() throws ErrnoException {
        vfs.registerFilesystem(k.sysfsType);
        vfs.mkdir("/sys", 0555);
        vfs.mount("sysfs", "/sys", "sysfs", Vfs.MS_NOSUID | Vfs.MS_NODEV | Vfs.MS_NOEXEC, "");
    }

    private String cat(String path) throws ErrnoException {
        try (File f = vfs.open(path, OpenFlags.O_RDONLY, 0)) {
            ByteBuffer buf = ByteBuffer.allocate(8192);
            int n;
            do {
                n = f.read(buf);
            } while (n > 0);
            return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        }
    }

    private void echo(String path, String text) throws ErrnoException {
        try (File f = vfs.open(path, OpenFlags.O_WRONLY | OpenFlags.O_TRUNC, 0)) {
            f.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void lsAndCatSeeTheKernelsObjects() throws ErrnoException {
        Kobject hello = kobjects.add("hello", null, kobjects.moduleKset(), () -> { });
        hello.uevent(KobjectAction.ADD);

        assertEquals(List.of(".", "..", "kernel", "module", "fs"),
                vfs.getdents("/sys").stream().map(DirEntry::name).toList());
        assertEquals("1\n", cat("/sys/kernel/uevent_seqnum"));
        Kstat st = vfs.stat("/sys/kernel/uevent_seqnum");
        assertEquals("-r--r--r--", FileMode.toLsString(st.mode()));
        assertEquals(4096, st.size());
        assertEquals("drwxr-xr-x", FileMode.toLsString(vfs.stat("/sys/module/hello").mode()));
        assertEquals(Errno.EACCES, assertThrows(ErrnoException.class,
                () -> echo("/sys/kernel/uevent_seqnum", "5\n")).errno());
    }

    @Test
    void parametersAreWrittenWithEcho() throws ErrnoException {
        StringBuilder stored = new StringBuilder();
        Kobject hello = kobjects.add("hello", null, kobjects.moduleKset(), () -> { });
        hello.createGroup("parameters", new Attribute("debug", 0644, () -> "N", stored::append));

        echo("/sys/module/hello/parameters/debug", "Y\n");

        assertEquals("Y\n", stored.toString());
        assertEquals("N\n", cat("/sys/module/hello/parameters/debug"));
    }

    @Test
    void symlinksResolveToTheirTargets() throws ErrnoException {
        Kobject hello = kobjects.add("hello", null, kobjects.moduleKset(), () -> { });
        Kobject driver = kobjects.createAndAdd("hello", kobjects.createAndAdd("drivers", kobjects.fsKobj()));
        driver.createLink("module", hello);

        assertEquals("../../../module/hello", vfs.readlink("/sys/fs/drivers/hello/module"));
        assertEquals("/sys/module/hello", vfs.realpath("/sys/fs/drivers/hello/module"));
        assertEquals("lrwxrwxrwx", FileMode.toLsString(vfs.lstat("/sys/fs/drivers/hello/module").mode()));
    }

    @Test
    void aDeletedKobjectsDirectoryIsGone() throws ErrnoException {
        Kobject hello = kobjects.add("hello", null, kobjects.moduleKset(), () -> { });
        hello.del();

        assertEquals(Errno.ENOENT, assertThrows(ErrnoException.class, () -> vfs.stat("/sys/module/hello")).errno());
        assertEquals(List.of(".", ".."), vfs.getdents("/sys/module").stream().map(DirEntry::name).toList());
    }
}
