package org.modux.fs.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.modux.fs.FileMode;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/** Path walks and the mount table: what a path names, and the errno when it names nothing. */
class NamespaceTest {

    private final TreeFs rootfs = new TreeFs("rootfs").dir("a").dir("a/b").file("a/f", 0644, "text").dir("mnt")
            .symlink("up", "a/b").symlink("abs", "/a/f").symlink("a/b/back", "../f").symlink("self", "self")
            .symlink("dangling", "nope").symlink("tomnt", "/mnt/hello");
    private final TreeFs other = new TreeFs("other").file("hello", 0644, "hi").dir("x");
    private final Namespace ns = new Namespace();

    NamespaceTest() {
        ns.mountRoot("rootfs", "rootfs", rootfs.mount("rootfs", 0, ""), 0);
    }

    private String walk(String path) throws ErrnoException {
        return ns.walk(path, true).path();
    }

    private Errno walkFails(String path) {
        return assertThrows(ErrnoException.class, () -> ns.walk(path, true), () -> path.replace("./", "")).errno();
    }

    private void mountOther(String target) throws ErrnoException {
        ns.mount("other", target, "other", other.mount("other", 0, ""), 0);
    }

    @Test
    void dotAndDotDotAreFoldedAsTheWalkGoes() throws ErrnoException {
        assertEquals("/a/b", walk("/a/./b/../b"));
        assertEquals("/", walk("/.."));
        assertEquals("/a", walk("/../../a"));
        assertEquals("/a/b", walk("//a//b"));
        assertEquals("/", walk("/"));
    }

    @Test
    void aTrailingSlashNeedsADirectory() throws ErrnoException {
        assertEquals("/a", walk("/a/"));
        assertEquals(Errno.ENOTDIR, walkFails("/a/f/"));
        // A trailing slash follows a final symlink even when the caller would not (lstat("up/")).
        assertEquals("/a/b", ns.walk("/up/", false).path());
    }

    @Test
    void aFileCannotBeWalkedThrough() {
        assertEquals(Errno.ENOTDIR, walkFails("/a/f/x"));
        assertEquals(Errno.ENOTDIR, walkFails("/a/f/."));
        assertEquals(Errno.ENOTDIR, walkFails("/a/f/.."));
        assertEquals(Errno.ENOTDIR, walkFails("/abs/x"));
    }

    @Test
    void aMissingNameIsEnoent() {
        assertEquals(Errno.ENOENT, walkFails("/nope"));
        assertEquals(Errno.ENOENT, walkFails("/nope/x"));
        assertEquals(Errno.ENOENT, walkFails("/a/nope/.."));
        assertEquals(Errno.ENOENT, walkFails("/dangling"));
        assertEquals(Errno.ENOENT, walkFails(""));
    }

    @Test
    void aNameOfMoreThan255BytesIsTooLong() {
        assertEquals(Errno.ENOENT, walkFails("/a/" + "n".repeat(255)));
        assertEquals(Errno.ENAMETOOLONG, walkFails("/a/" + "n".repeat(256)));
    }

    @Test
    void aPathOfPathMaxOrMoreIsTooLong() throws ErrnoException {
        // PATH_MAX is 4096 with the terminating NUL: 4095 characters are the most a path may have.
        String dots = "/" + "./".repeat(2046);
        assertEquals(4095, (dots + "a/").length());
        assertEquals("/a", walk(dots + "a/"));
        assertEquals(Errno.ENAMETOOLONG, walkFails(dots + "a/b"));
        assertEquals(Errno.ENAMETOOLONG, assertThrows(ErrnoException.class, () -> ns.walkParent(dots + "a/b")).errno());
    }

    @Test
    void symlinksAreFollowedRelativeToTheirDirectory() throws ErrnoException {
        assertEquals("/a/b", walk("/up"));
        assertEquals("/a/f", walk("/abs"));
        assertEquals("/a/f", walk("/up/back"));
        // ".." after a link goes up from where the link led, as in Linux.
        assertEquals("/a", walk("/up/.."));
    }

    @Test
    void aFinalSymlinkIsTheLinkItselfWhenNotFollowed() throws ErrnoException {
        Namespace.Resolved link = ns.walk("/abs", false);
        assertEquals("/abs", link.path());
        assertTrue(FileMode.isLnk(link.inode().mode()));
        assertEquals("/a/b/back", ns.walk("/up/back", false).path());
    }

    @Test
    void fortyLinksAreFollowedAndTheFortyFirstIsEloop() throws ErrnoException {
        rootfs.symlink("n1", "a");
        for (int i = 2; i <= 41; i++) {
            rootfs.symlink("n" + i, "n" + (i - 1));
        }
        assertEquals("/a", walk("/n40"));
        assertEquals(Errno.ELOOP, walkFails("/n41"));
        assertEquals(Errno.ELOOP, walkFails("/self"));
    }

    @Test
    void aMountHidesTheDirectoryBelowAndDotDotLeavesIt() throws ErrnoException {
        mountOther("/mnt");

        assertEquals("other", ns.walk("/mnt/hello", true).mount().fstype());
        assertEquals("/", walk("/mnt/.."));
        assertEquals("rootfs", ns.walk("/mnt/..", true).mount().fstype());
        assertEquals("/a/f", walk("/mnt/x/../../a/f"));
        assertEquals("/mnt/hello", walk("/tomnt"));
    }

    @Test
    void mountsStackAndUmountUncoversThemInTurn() throws ErrnoException {
        mountOther("/mnt");
        ns.mount("second", "/mnt", "second", new TreeFs("second").dir("only").mount("second", 0, ""), 0);

        assertEquals(Errno.ENOENT, walkFails("/mnt/hello"));
        assertEquals("/mnt/only", walk("/mnt/only"));
        assertEquals("second", ns.umount("/mnt").fstype());
        assertEquals("/mnt/hello", walk("/mnt/hello"));
        assertEquals("other", ns.umount("/mnt").fstype());
        assertEquals(Errno.ENOENT, walkFails("/mnt/hello"));
        assertEquals(Errno.EINVAL, assertThrows(ErrnoException.class, () -> ns.umount("/mnt")).errno());
    }

    @Test
    void umountRefusesWhatItCannotTake() throws ErrnoException {
        assertEquals(Errno.EINVAL, assertThrows(ErrnoException.class, () -> ns.umount("/a")).errno());
        assertEquals(Errno.EBUSY, assertThrows(ErrnoException.class, () -> ns.umount("/")).errno());
        assertEquals(Errno.ENOENT, assertThrows(ErrnoException.class, () -> ns.umount("/nope")).errno());

        mountOther("/mnt");
        ns.mount("inner", "/mnt/x", "inner", new TreeFs("inner").mount("inner", 0, ""), 0);
        assertEquals(Errno.EBUSY, assertThrows(ErrnoException.class, () -> ns.umount("/mnt")).errno());
        ns.umount("/mnt/x");
        ns.umount("/mnt");
    }

    @Test
    void aMountPointIsAnExistingDirectoryByItsCanonicalPath() throws ErrnoException {
        assertEquals(Errno.ENOTDIR, assertThrows(ErrnoException.class, () -> mountOther("/a/f")).errno());
        assertEquals(Errno.ENOENT, assertThrows(ErrnoException.class, () -> mountOther("/nope")).errno());

        mountOther("/a/../up/");

        assertEquals(List.of("/", "/a/b"), ns.mounts().stream().map(Mount::mountpoint).toList());
        assertEquals("other", ns.walk("/a/b/hello", true).mount().fstype());
        assertEquals("/a/b", ns.umount("/up").mountpoint());
    }

    @Test
    void theParentOfAPathIsWalkedAndItsLastNameKept() throws ErrnoException {
        assertEquals(new Namespace.Parent(ns.walk("/a/b", true), "new", Namespace.Last.NORM, true),
                ns.walkParent("/up/new/"));
        assertEquals(Namespace.Last.DOT, ns.walkParent("/a/.").last());
        assertEquals(Namespace.Last.DOTDOT, ns.walkParent("/a/..").last());
        assertEquals(Namespace.Last.ROOT, ns.walkParent("/").last());
        assertEquals("/", ns.walkParent("/").dir().path());

        assertEquals(Errno.ENOTDIR, assertThrows(ErrnoException.class, () -> ns.walkParent("/a/f/new")).errno());
        assertEquals(Errno.ENOENT, assertThrows(ErrnoException.class, () -> ns.walkParent("/nope/new")).errno());
        assertEquals(Errno.ENOENT, assertThrows(ErrnoException.class, () -> ns.walkParent("/nope/.")).errno());
        assertEquals(Errno.ENAMETOOLONG,
                assertThrows(ErrnoException.class, () -> ns.walkParent("/a/" + "n".repeat(256))).errno());
    }
}
