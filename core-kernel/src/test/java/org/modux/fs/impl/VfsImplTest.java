package org.modux.fs.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.modux.fs.OpenFlags.O_APPEND;
import static org.modux.fs.OpenFlags.O_CREAT;
import static org.modux.fs.OpenFlags.O_DIRECTORY;
import static org.modux.fs.OpenFlags.O_EXCL;
import static org.modux.fs.OpenFlags.O_NOFOLLOW;
import static org.modux.fs.OpenFlags.O_RDONLY;
import static org.modux.fs.OpenFlags.O_RDWR;
import static org.modux.fs.OpenFlags.O_TRUNC;
import static org.modux.fs.OpenFlags.O_WRONLY;
import static org.modux.fs.impl.Shell.cat;
import static org.modux.fs.impl.Shell.echo;
import static org.modux.fs.impl.Shell.ls;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.modux.fs.DirEntry;
import org.modux.fs.File;
import org.modux.fs.FileMode;
import org.modux.fs.FileSystemType;
import org.modux.fs.Kstat;
import org.modux.fs.Vfs;
import org.modux.kernel.printk.LogLevel;
import org.modux.kernel.printk.RecordingPrintk;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/** The file system calls over rootfs, ramfs and a tree with symlinks, as user space makes them. */
class VfsImplTest {

    private final RecordingPrintk printk = new RecordingPrintk();
    private final VfsImpl vfs = new VfsImpl(printk);
    private final TreeFs tree = new TreeFs("treefs").file("ro", 0644, "kept").symlink("link", "ro").dir("d")
            .dir("d/sub");

    VfsImplTest() throws ErrnoException {
        vfs.registerFilesystem(new Ramfs());
        vfs.registerFilesystem(tree);
        vfs.mkdir("/t", 0755);
        vfs.mount("tree", "/t", "treefs", 0, "");
    }

    private static Errno fails(Executable call) {
        return assertThrows(ErrnoException.class, call).errno();
    }

    private static void write(File f, String text) throws ErrnoException {
        f.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void oCreatMakesARegularFileLessTheUmask() throws ErrnoException {
        try (File f = vfs.open("/f", O_WRONLY | O_CREAT, 0666)) {
            write(f, "hi");
        }

        Kstat st = vfs.stat("/f");
        assertEquals("-rw-r--r--", FileMode.toLsString(st.mode()));
        assertEquals(2, st.size());
        assertEquals(1, st.nlink());
        assertEquals("hi", cat(vfs, "/f"));
    }

    @Test
    void oCreatOfANewFileOpensItWhateverModeItGets() throws ErrnoException {
        // may_open() skips the permission check for the open that created the file.
        try (File f = vfs.open("/f", O_WRONLY | O_CREAT | O_TRUNC, 0444)) {
            write(f, "once");
        }

        assertEquals("-r--r--r--", FileMode.toLsString(vfs.stat("/f").mode()));
        assertEquals("once", cat(vfs, "/f"));
        assertEquals(Errno.EACCES, fails(() -> vfs.open("/f", O_WRONLY | O_CREAT, 0666)));
    }

    @Test
    void oCreatWithOExclFailsOnAnythingThere() throws ErrnoException {
        echo(vfs, "/f", "x");
        assertEquals(Errno.EEXIST, fails(() -> vfs.open("/f", O_WRONLY | O_CREAT | O_EXCL, 0666)));
        assertEquals(Errno.EEXIST, fails(() -> vfs.open("/t", O_RDONLY | O_CREAT | O_EXCL, 0666)));
        assertEquals(Errno.EEXIST, fails(() -> vfs.open("/t/link", O_WRONLY | O_CREAT | O_EXCL, 0666)));
    }

    @Test
    void oCreatNeedsAWritableDirectoryAndANameThatIsNoDirectory() throws ErrnoException {
        vfs.mkdir("/locked", 0555);
        assertEquals(Errno.EACCES, fails(() -> vfs.open("/locked/f", O_WRONLY | O_CREAT, 0666)));
        assertEquals(Errno.EISDIR, fails(() -> vfs.open("/new/", O_WRONLY | O_CREAT, 0666)));
        assertEquals(Errno.ENOENT, fails(() -> vfs.stat("/new")));
        assertEquals(Errno.EISDIR, fails(() -> vfs.open("/", O_RDONLY | O_CREAT, 0666)));
        assertEquals(Errno.EISDIR, fails(() -> vfs.open("/t/.", O_RDONLY | O_CREAT, 0666)));
        assertEquals(Errno.EISDIR, fails(() -> vfs.open("/t/", O_RDONLY | O_CREAT, 0666)));
    }

    @Test
    void withoutOCreatAMissingFileIsEnoent() {
        assertEquals(Errno.ENOENT, fails(() -> vfs.open("/nope", O_RDWR, 0)));
        assertEquals(Errno.ENOENT, fails(() -> vfs.open("/nope/f", O_WRONLY | O_CREAT, 0666)));
    }

    @Test
    void oTruncEmptiesAFileOpenedForWriting() throws ErrnoException {
        echo(vfs, "/f", "hello");
        vfs.open("/f", O_WRONLY | O_TRUNC, 0).close();
        assertEquals(0, vfs.stat("/f").size());
        assertEquals("", cat(vfs, "/f"));
    }

    @Test
    void oAppendWritesAtTheEndWhereverThePositionIs() throws ErrnoException {
        echo(vfs, "/f", "ab");
        try (File f = vfs.open("/f", O_WRONLY | O_APPEND, 0)) {
            f.lseek(0, File.SEEK_SET);
            write(f, "cd");
            f.lseek(1, File.SEEK_SET);
            write(f, "ef");
        }
        assertEquals("abcdef", cat(vfs, "/f"));
    }

    @Test
    void oDirectoryOpensOnlyDirectoriesWhichCannotBeRead() throws ErrnoException {
        echo(vfs, "/f", "x");
        assertEquals(Errno.ENOTDIR, fails(() -> vfs.open("/f", O_RDONLY | O_DIRECTORY, 0)));
        try (File dir = vfs.open("/t/d", O_RDONLY | O_DIRECTORY, 0)) {
            assertEquals("/t/d", dir.path());
            assertEquals(Errno.EISDIR, fails(() -> dir.read(ByteBuffer.allocate(1))));
        }
    }

    @Test
    void oNofollowRefusesAFinalSymlink() throws ErrnoException {
        assertEquals("kept", cat(vfs, "/t/link"));
        assertEquals(Errno.ELOOP, fails(() -> vfs.open("/t/link", O_RDONLY | O_NOFOLLOW, 0)));
        assertEquals(Errno.ELOOP, fails(() -> vfs.open("/t/link", O_RDONLY | O_CREAT | O_NOFOLLOW, 0)));
    }

    @Test
    void ownerBitsAreCheckedForRootToo() throws ErrnoException {
        vfs.open("/readonly", O_WRONLY | O_CREAT, 0444).close();
        vfs.open("/writeonly", O_WRONLY | O_CREAT, 0200).close();

        assertEquals(Errno.EACCES, fails(() -> vfs.open("/readonly", O_WRONLY, 0)));
        assertEquals(Errno.EACCES, fails(() -> vfs.open("/readonly", O_RDWR, 0)));
        assertEquals(Errno.EACCES, fails(() -> vfs.open("/writeonly", O_RDONLY, 0)));
        vfs.open("/readonly", O_RDONLY, 0).close();
        vfs.open("/writeonly", O_WRONLY, 0).close();
    }

    @Test
    void aDirectoryCannotBeOpenedForWriting() {
        assertEquals(Errno.EISDIR, fails(() -> vfs.open("/", O_WRONLY, 0)));
        assertEquals(Errno.EISDIR, fails(() -> vfs.open("/t/d", O_RDWR, 0)));
    }

    @Test
    void aReadOnlyMountRefusesEveryChange() throws ErrnoException {
        vfs.mkdir("/r", 0755);
        vfs.mount("tree", "/r", "treefs", Vfs.MS_RDONLY, "");

        assertEquals("kept", cat(vfs, "/r/ro"));
        assertEquals(Errno.EROFS, fails(() -> vfs.open("/r/ro", O_WRONLY, 0)));
        assertEquals(Errno.EROFS, fails(() -> vfs.open("/r/new", O_WRONLY | O_CREAT, 0666)));
        assertEquals(Errno.EROFS, fails(() -> vfs.mkdir("/r/new", 0755)));
        assertEquals(Errno.EROFS, fails(() -> vfs.unlink("/r/ro")));
        assertEquals(Errno.EROFS, fails(() -> vfs.rmdir("/r/d/sub")));
        // The same tree mounted read-write is not affected.
        assertEquals(Errno.EPERM, fails(() -> vfs.unlink("/t/ro")));
    }

    @Test
    void mkdirMakesADirectoryLessTheUmask() throws ErrnoException {
        vfs.mkdir("/a", 0777);
        vfs.mkdir("/a/b/", 0700);

        assertEquals("drwxr-xr-x", FileMode.toLsString(vfs.stat("/a").mode()));
        assertEquals("drwx------", FileMode.toLsString(vfs.stat("/a/b").mode()));
        assertEquals(3, vfs.stat("/a").nlink());
    }

    @Test
    void mkdirFailsAsLinuxDoes() throws ErrnoException {
        echo(vfs, "/f", "x");
        assertEquals(Errno.EEXIST, fails(() -> vfs.mkdir("/t", 0755)));
        assertEquals(Errno.EEXIST, fails(() -> vfs.mkdir("/f", 0755)));
        assertEquals(Errno.ENOENT, fails(() -> vfs.mkdir("/nope/a", 0755)));
        assertEquals(Errno.ENOTDIR, fails(() -> vfs.mkdir("/f/a", 0755)));
        assertEquals(Errno.ENAMETOOLONG, fails(() -> vfs.mkdir("/" + "n".repeat(256), 0755)));
        assertEquals(Errno.EEXIST, fails(() -> vfs.mkdir("/", 0755)));
        assertEquals(Errno.EEXIST, fails(() -> vfs.mkdir("/t/.", 0755)));
        assertEquals(Errno.EEXIST, fails(() -> vfs.mkdir("/t/..", 0755)));
    }

    @Test
    void rmdirRemovesOnlyEmptyDirectoriesThatAreNoMountPoints() throws ErrnoException {
        vfs.mkdir("/a", 0755);
        vfs.mkdir("/a/b", 0755);
        echo(vfs, "/f", "x");

        assertEquals(Errno.ENOTEMPTY, fails(() -> vfs.rmdir("/a")));
        assertEquals(Errno.ENOTDIR, fails(() -> vfs.rmdir("/f")));
        assertEquals(Errno.ENOENT, fails(() -> vfs.rmdir("/nope")));
        assertEquals(Errno.EBUSY, fails(() -> vfs.rmdir("/t")));
        assertEquals(Errno.EBUSY, fails(() -> vfs.rmdir("/")));
        assertEquals(Errno.EINVAL, fails(() -> vfs.rmdir("/a/.")));
        assertEquals(Errno.ENOTEMPTY, fails(() -> vfs.rmdir("/a/b/..")));
        assertEquals(Errno.ENOENT, fails(() -> vfs.rmdir("/nope/.")));

        vfs.rmdir("/a/b");
        vfs.rmdir("/a/");
        assertEquals(Errno.ENOENT, fails(() -> vfs.stat("/a")));
    }

    @Test
    void unlinkRemovesFilesButNotDirectories() throws ErrnoException {
        echo(vfs, "/f", "x");
        vfs.mkdir("/a", 0755);

        assertEquals(Errno.EISDIR, fails(() -> vfs.unlink("/a")));
        assertEquals(Errno.ENOENT, fails(() -> vfs.unlink("/nope")));
        assertEquals(Errno.ENOTDIR, fails(() -> vfs.unlink("/f/")));
        assertEquals(Errno.EISDIR, fails(() -> vfs.unlink("/a/")));
        assertEquals(Errno.ENOENT, fails(() -> vfs.unlink("/nope/")));
        assertEquals(Errno.EISDIR, fails(() -> vfs.unlink("/")));
        assertEquals(Errno.EISDIR, fails(() -> vfs.unlink("/a/..")));

        vfs.unlink("/f");
        assertEquals(Errno.ENOENT, fails(() -> vfs.stat("/f")));
        assertEquals(List.of(".", "..", "t", "a"), ls(vfs, "/"));
    }

    @Test
    void getdentsListsDotAndDotDotFirst() throws ErrnoException {
        vfs.mkdir("/a", 0755);
        echo(vfs, "/a/f", "x");
        vfs.mkdir("/a/b", 0755);

        List<DirEntry> a = vfs.getdents("/a");
        assertEquals(List.of(".", "..", "f", "b"), a.stream().map(DirEntry::name).toList());
        assertEquals(new DirEntry(".", vfs.stat("/a").ino(), 4), a.get(0));
        assertEquals(new DirEntry("..", vfs.stat("/").ino(), 4), a.get(1));
        assertEquals(new DirEntry("f", vfs.stat("/a/f").ino(), 8), a.get(2));
        // At the root ".." is the root itself; at a mount's root, the mount point's parent below it.
        assertEquals(vfs.stat("/").ino(), vfs.getdents("/").get(1).ino());
        assertEquals(vfs.stat("/").ino(), vfs.getdents("/t").get(1).ino());
        assertEquals(List.of(".", "..", "ro", "link", "d"), ls(vfs, "/t"));
    }

    @Test
    void getdentsNeedsAReadableDirectory() throws ErrnoException {
        echo(vfs, "/f", "x");
        vfs.mkdir("/locked", 0);
        assertEquals(Errno.ENOTDIR, fails(() -> vfs.getdents("/f")));
        assertEquals(Errno.EACCES, fails(() -> vfs.getdents("/locked")));
    }

    @Test
    void lstatSeesTheLinkAndStatItsTarget() throws ErrnoException {
        Kstat link = vfs.lstat("/t/link");
        Kstat target = vfs.stat("/t/link");

        assertEquals("lrwxrwxrwx", FileMode.toLsString(link.mode()));
        assertEquals(2, link.size());
        assertEquals("-rw-r--r--", FileMode.toLsString(target.mode()));
        assertEquals(4, target.size());
        assertEquals(vfs.stat("/t/ro").ino(), target.ino());
        assertNotEquals(target.ino(), link.ino());
        assertEquals("ro", vfs.readlink("/t/link"));
        assertEquals(Errno.EINVAL, fails(() -> vfs.readlink("/t/ro")));
    }

    @Test
    void realpathIsTheCanonicalPath() throws ErrnoException {
        assertEquals("/t/ro", vfs.realpath("/t/d/../link"));
        assertEquals("/", vfs.realpath("/t/.."));
        assertEquals(Errno.ENOENT, fails(() -> vfs.realpath("/t/nope")));
    }

    @Test
    void eachMountHasItsOwnDeviceAndUmountLetsItsSuperblockGo() throws ErrnoException {
        assertNotEquals(vfs.stat("/").dev(), vfs.stat("/t").dev());
        assertEquals(vfs.stat("/t").dev(), vfs.stat("/t/ro").dev());

        vfs.umount("/t");

        assertEquals(1, tree.kills);
        assertEquals(List.of(".", ".."), ls(vfs, "/t"));
    }

    @Test
    void mountOfAnUnknownTypeIsEnodev() {
        assertEquals(Errno.ENODEV, fails(() -> vfs.mount("none", "/t/d", "nofs", 0, "")));
    }

    @Test
    void aModulesFilesystemThatGoesIsUnmountedWithAWarning() throws ErrnoException {
        // A type whose class comes from another class loader, as a module bundle's does.
        ClassLoader module = new ClassLoader(getClass().getClassLoader()) { };
        FileSystemType hellofs = (FileSystemType) Proxy.newProxyInstance(module,
                new Class<?>[] {FileSystemType.class}, (self, method, args) -> switch (method.getName()) {
                    case "name" -> "hellofs";
                    case "mount" -> tree.mount("hello", 0, "");
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        vfs.registerFilesystem(hellofs);
        vfs.mkdir("/h", 0755);
        vfs.mount("hello", "/h", "hellofs", 0, "");

        vfs.unregisterFilesystem(hellofs);

        assertEquals(List.of("VFS: hellofs unregistered while mounted on /h, unmounting"), printk.at(LogLevel.WARNING));
        assertEquals(Errno.ENOENT, fails(() -> vfs.stat("/h/ro")));
        assertEquals(1, tree.kills);
        assertEquals(Errno.ENODEV, fails(() -> vfs.mount("hello", "/h", "hellofs", 0, "")));
    }

    @Test
    void aKernelFilesystemThatGoesStaysMountedSilently() throws ErrnoException {
        vfs.unregisterFilesystem(tree);

        assertEquals(List.of(), printk.lines());
        assertEquals("kept", cat(vfs, "/t/ro"));
        assertEquals(Errno.ENODEV, fails(() -> vfs.mount("tree", "/t/d", "treefs", 0, "")));
    }
}
