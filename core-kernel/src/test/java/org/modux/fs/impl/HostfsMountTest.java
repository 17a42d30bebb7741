package org.modux.fs.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.modux.fs.impl.Shell.cat;
import static org.modux.fs.impl.Shell.echo;
import static org.modux.fs.impl.Shell.ls;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.modux.fs.DirEntry;
import org.modux.fs.File;
import org.modux.fs.FileMode;
import org.modux.fs.Kstat;
import org.modux.fs.OpenFlags;
import org.modux.fs.hostfs.impl.Hostfs;
import org.modux.fs.proc.impl.ProcFixture;
import org.modux.kernel.printk.LogLevel;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/**
 * hostfs as user space sees it: a host directory mounted with
 * {@code mount -t hostfs none /mnt/host -o DIR}, read and written with the system
 * calls, listed in /proc/mounts, and never a way out of that directory.
 */
class HostfsMountTest {

    private final ProcFixture fx = new ProcFixture();
    private final VfsImpl vfs = new VfsImpl(fx.printk);

    @TempDir
    Path tmp;
    /** The mounted host directory, inside {@link #tmp}; tmp/secret lies outside it. */
    private Path host;

    private void mount() throws Exception {
        host = Files.createDirectory(tmp.resolve("host"));
        Files.writeString(tmp.resolve("secret"), "outside\n");
        vfs.registerFilesystem(new Ramfs());
        vfs.registerFilesystem(new Hostfs(fx.printk));
        vfs.mkdir("/mnt", 0755);
        vfs.mkdir("/mnt/host", 0755);
        vfs.mount("none", "/mnt/host", "hostfs", 0, host.toString());
    }

    private static Errno fails(Executable call) {
        return assertThrows(ErrnoException.class, call).errno();
    }

    @Test
    void procMountsShowsTheHostDirectoryAsUmlDoes() throws Exception {
        vfs.registerFilesystem(fx.type);
        vfs.mkdir("/proc", 0555);
        vfs.mount("proc", "/proc", "proc", 0, "");
        new ProcMounts(fx.procFs(ProcFixture.KERNEL), vfs);
        mount();
        Path odd = Files.createDirectory(tmp.resolve("a b,c"));
        vfs.mkdir("/odd", 0755);
        vfs.mount("none", "/odd", "hostfs", 0, odd.toString());

        List<String> lines = cat(vfs, "/proc/mounts").lines().toList();
        assertEquals("none /mnt/host hostfs rw,relatime," + host + " 0 0", lines.get(2));
        // seq_show_option: the separators of options and fields become octal escapes.
        assertEquals("none /odd hostfs rw,relatime," + tmp + "/a\\040b\\054c 0 0", lines.get(3));
    }

    @Test
    void hostFilesReadWithTheHostsSizeModeAndTime() throws Exception {
        mount();
        Path motd = Files.writeString(host.resolve("motd"), "hello from the host\n");
        Files.setPosixFilePermissions(motd, PosixFilePermissions.fromString("rw-r-----"));
        Files.setLastModifiedTime(motd, FileTime.fromMillis(1_000_000_000_000L));

        assertEquals("hello from the host\n", cat(vfs, "/mnt/host/motd"));
        Kstat st = vfs.stat("/mnt/host/motd");
        assertEquals("-rw-r-----", FileMode.toLsString(st.mode()));
        assertEquals(20, st.size());
        assertEquals(1_000_000_000_000L * 1_000_000L, st.mtimeNanos());
        assertEquals(Files.getAttribute(motd, "unix:ino"), st.ino());
        assertEquals(Files.getAttribute(host, "unix:ino"), vfs.stat("/mnt/host").ino());
    }

    @Test
    void createWriteAppendTruncateAndUnlinkReachTheHost() throws Exception {
        mount();
        echo(vfs, "/mnt/host/new", "first\n");
        assertEquals("first\n", Files.readString(host.resolve("new")));
        assertTrue(FileMode.isReg(vfs.stat("/mnt/host/new").mode()));

        try (File f = vfs.open("/mnt/host/new", OpenFlags.O_WRONLY | OpenFlags.O_APPEND, 0)) {
            f.write(ByteBuffer.wrap("second\n".getBytes(StandardCharsets.UTF_8)));
        }
        assertEquals("first\nsecond\n", Files.readString(host.resolve("new")));

        echo(vfs, "/mnt/host/new", "x");
        assertEquals("x", Files.readString(host.resolve("new")));

        vfs.unlink("/mnt/host/new");
        assertFalse(Files.exists(host.resolve("new")));
        assertEquals(Errno.ENOENT, fails(() -> cat(vfs, "/mnt/host/new")));
    }

    @Test
    void anOpenFileSeesWritesMadeOnTheHost() throws Exception {
        mount();
        Files.writeString(host.resolve("log"), "one\n");
        try (File f = vfs.open("/mnt/host/log", OpenFlags.O_RDONLY, 0)) {
            Files.writeString(host.resolve("log"), "one\ntwo\n");
            assertEquals(8, f.lseek(0, File.SEEK_END));
        }
    }

    @Test
    void readdirListsTheHostDirectoryWithTypes() throws Exception {
        mount();
        Files.writeString(host.resolve("file"), "");
        Files.createDirectory(host.resolve("dir"));
        Files.createSymbolicLink(host.resolve("link"), Path.of("file"));

        List<DirEntry> entries = vfs.getdents("/mnt/host");
        assertEquals(List.of(".", ".."), entries.subList(0, 2).stream().map(DirEntry::name).toList());
        Map<String, Integer> types = entries.subList(2, entries.size()).stream()
                .collect(Collectors.toMap(DirEntry::name, DirEntry::type));
        assertEquals(Map.of("file", 8, "dir", 4, "link", 10), types);
    }

    @Test
    void directoriesAreMadeAndRemovedOnTheHost() throws Exception {
        mount();
        vfs.mkdir("/mnt/host/d", 0755);
        assertTrue(Files.isDirectory(host.resolve("d")));
        echo(vfs, "/mnt/host/d/f", "");

        assertEquals(Errno.EEXIST, fails(() -> vfs.mkdir("/mnt/host/d", 0755)));
        assertEquals(Errno.EEXIST, fails(() -> vfs.open("/mnt/host/d/f",
                OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_EXCL, 0644)));
        assertEquals(Errno.ENOTEMPTY, fails(() -> vfs.rmdir("/mnt/host/d")));
        assertEquals(Errno.EISDIR, fails(() -> vfs.unlink("/mnt/host/d")));
        assertEquals(Errno.ENOTDIR, fails(() -> vfs.rmdir("/mnt/host/d/f")));
        assertEquals(Errno.ENOENT, fails(() -> vfs.unlink("/mnt/host/nope")));

        vfs.unlink("/mnt/host/d/f");
        vfs.rmdir("/mnt/host/d");
        assertFalse(Files.exists(host.resolve("d")));
    }

    @Test
    void dotDotAtTheMountRootIsTheMountPointsParent() throws Exception {
        mount();
        assertEquals("/mnt", vfs.realpath("/mnt/host/.."));
        assertEquals(List.of(".", "..", "host"), ls(vfs, "/mnt/host/.."));
        assertEquals(Errno.ENOENT, fails(() -> cat(vfs, "/mnt/host/../secret")));
        assertEquals(Errno.ENOENT, fails(() -> cat(vfs, "/mnt/host/../../../../../../secret")));
        // Writing there makes /mnt/secret on rootfs; the host file outside stays as it was.
        echo(vfs, "/mnt/host/../secret", "overwritten");
        assertEquals("overwritten", cat(vfs, "/mnt/secret"));
        assertEquals("outside\n", Files.readString(tmp.resolve("secret")));
    }

    @Test
    void symlinksPointingOutsideResolveInsideTheVfs() throws Exception {
        mount();
        Path secret = tmp.resolve("secret");
        Files.createSymbolicLink(host.resolve("abs"), secret);
        Files.createSymbolicLink(host.resolve("rel"), Path.of("../secret"));
        Files.createSymbolicLink(host.resolve("up"), tmp);
        Files.writeString(host.resolve("inside"), "in\n");
        Files.createSymbolicLink(host.resolve("ok"), Path.of("inside"));

        assertEquals(secret.toString(), vfs.readlink("/mnt/host/abs"));
        assertEquals("lrwxrwxrwx", FileMode.toLsString(vfs.lstat("/mnt/host/abs").mode()));
        // The targets are paths of the VFS: its /tmp/..., /mnt/secret and so on, not the host's.
        assertEquals(Errno.ENOENT, fails(() -> cat(vfs, "/mnt/host/abs")));
        assertEquals(Errno.ENOENT, fails(() -> cat(vfs, "/mnt/host/rel")));
        assertEquals(Errno.ENOENT, fails(() -> ls(vfs, "/mnt/host/up/")));
        assertEquals(Errno.ENOENT, fails(() -> echo(vfs, "/mnt/host/abs", "overwritten")));
        assertEquals("outside\n", Files.readString(secret));
        assertEquals("in\n", cat(vfs, "/mnt/host/ok"));
    }

    @Test
    void aSymlinkToTheHostDirectoryIsFollowedAtMountTime() throws Exception {
        mount();
        Files.writeString(host.resolve("f"), "via link\n");
        Path link = Files.createSymbolicLink(tmp.resolve("hostlink"), host);
        vfs.mkdir("/l", 0755);
        vfs.mount("none", "/l", "hostfs", 0, link.toString());

        assertEquals("via link\n", cat(vfs, "/l/f"));
    }

    @Test
    void aMountNeedsAnAbsoluteHostDirectory() throws Exception {
        mount();
        vfs.mkdir("/m", 0755);
        Files.writeString(tmp.resolve("plain"), "");

        assertEquals(Errno.EINVAL, fails(() -> vfs.mount("none", "/m", "hostfs", 0, "")));
        assertEquals(List.of("hostfs: no host directory given (mount -t hostfs none DIR -o /host/dir)"),
                fx.printk.at(LogLevel.ERR));
        assertEquals(Errno.EINVAL, fails(() -> vfs.mount("none", "/m", "hostfs", 0, "relative/dir")));
        assertEquals(Errno.ENOENT, fails(() -> vfs.mount("none", "/m", "hostfs", 0, tmp + "/nope")));
        assertEquals(Errno.ENOTDIR, fails(() -> vfs.mount("none", "/m", "hostfs", 0, tmp + "/plain")));
        assertEquals(List.of(".", ".."), ls(vfs, "/m"));
    }

    @Test
    void specialHostFilesDoNotOpen() throws Exception {
        mount();
        Process mkfifo = new ProcessBuilder("mkfifo", host.resolve("fifo").toString()).start();
        assertEquals(0, mkfifo.waitFor());

        assertEquals('p', FileMode.toLsString(vfs.stat("/mnt/host/fifo").mode()).charAt(0));
        assertEquals(Errno.ENXIO, fails(() -> cat(vfs, "/mnt/host/fifo")));
    }
}
