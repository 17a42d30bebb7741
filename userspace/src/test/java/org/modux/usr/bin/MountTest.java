package org.modux.usr.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.modux.fs.Vfs;

/** How mount(8) splits {@code -o} text into mount(2)'s flags and the filesystem's data. */
class MountTest {

    @Test
    void aHostDirectoryIsTheFilesystemsData() {
        assertEquals(new Mount.Options(0, "/tmp"), Mount.parseOptions("/tmp"));
    }

    @Test
    void genericOptionsBecomeFlagsAndTheRestStaysInOrder() {
        assertEquals(new Mount.Options(Vfs.MS_RDONLY | Vfs.MS_NOEXEC, "/srv,mode=755"),
                Mount.parseOptions("ro,/srv,noexec,mode=755"));
        assertEquals(new Mount.Options(Vfs.MS_NOSUID | Vfs.MS_NODEV | Vfs.MS_RELATIME, ""),
                Mount.parseOptions("nosuid,nodev,relatime"));
    }

    @Test
    void aLaterOptionWinsAndDefaultsSetsNothing() {
        assertEquals(new Mount.Options(0, ""), Mount.parseOptions("ro,rw"));
        assertEquals(new Mount.Options(Vfs.MS_NOEXEC, ""), Mount.parseOptions("exec,noexec,defaults"));
        assertEquals(new Mount.Options(0, ""), Mount.parseOptions(""));
    }

    @Test
    void aHostPathWithACommaIsJoinedBackTogether() {
        assertEquals(new Mount.Options(Vfs.MS_RDONLY, "/data/a,b"), Mount.parseOptions("/data/a,b,ro"));
    }
}
