package org.modux.usr.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.modux.fs.impl.TestKernel;
import org.modux.uapi.ErrnoException;

/** Paths of the Modux VFS by java.nio's rules, which Gogo's cd, redirections and globs rely on. */
class VfsPathTest {

    private final VfsFileSystem fs;

    VfsPathTest() throws ErrnoException {
        fs = new VfsFileSystem(new TestKernel().vfs);
    }

    private Path p(String text) {
        return fs.path(text);
    }

    @Test
    void normalizeDropsDotsAndFoldsDotDots() {
        assertEquals(p("/a/c"), p("/a/./b/../c").normalize());
        assertEquals(p("/a"), p("/../a").normalize());
        assertEquals(p("../b"), p("a/../../b").normalize());
        assertEquals(p("../.."), p("../..").normalize());
        assertEquals(p("a"), p("./a/").normalize());
        assertEquals(p(""), p("a/..").normalize());
    }

    @Test
    void resolveAppendsARelativePathAndTakesAnAbsoluteOne() {
        assertEquals(p("/a/b"), p("/a").resolve(p("b")));
        assertEquals(p("/a/b/c"), p("/a/").resolve(p("b/c")));
        assertEquals(p("/x"), p("/a").resolve(p("/x")));
        assertEquals(p("/a"), p("/a").resolve(p("")));
        assertEquals(p("/a/b"), p("/a").resolve("b"));
    }

    @Test
    void aHostPathIsResolvedByItsTextIntoTheVfs() {
        // Gogo turns "> /proc/sys/x" into a path of the host's file system.
        Path proc = p("/").resolve(Path.of("/proc/x"));
        assertEquals(p("/proc/x"), proc);
        assertSame(fs, proc.getFileSystem());
        assertEquals(p("/a/x/y"), p("/a").resolve(Path.of("x", "y")));
    }

    @Test
    void relativizeGoesUpToTheCommonPartThenDown() {
        assertEquals(p("../c/d"), p("/a/b").relativize(p("/a/c/d")));
        assertEquals(p(""), p("/a").relativize(p("/a")));
        assertEquals(p("b"), p("a").relativize(p("a/b")));
        assertEquals(p("c/d"), p("/a/b").relativize(Path.of("/a/b/c/d")));
        assertThrows(IllegalArgumentException.class, () -> p("/a").relativize(p("a")));
    }

    @Test
    void parentFileNameAndRoot() {
        assertEquals(p("/a"), p("/a/b").getParent());
        assertEquals(p("/"), p("/a").getParent());
        assertNull(p("/").getParent());
        assertNull(p("a").getParent());
        assertEquals(p("a"), p("a/b").getParent());

        assertEquals(p("b"), p("/a/b").getFileName());
        assertNull(p("/").getFileName());
        assertEquals(p("/"), p("/a").getRoot());
        assertNull(p("a").getRoot());
    }

    @Test
    void namesAndSubpaths() {
        Path path = p("/proc/sys/kernel");
        assertEquals(3, path.getNameCount());
        assertEquals(p("sys"), path.getName(1));
        assertEquals(p("sys/kernel"), path.subpath(1, 3));
        assertTrue(path.isAbsolute());
        assertFalse(p("proc").isAbsolute());
    }

    @Test
    void startsWithComparesWholeNamesAndTheRoot() {
        assertTrue(p("/a/b").startsWith(p("/a")));
        assertTrue(p("/a/b").startsWith(p("/")));
        assertTrue(p("/a/b").startsWith(Path.of("/a")));
        assertTrue(p("a/b").startsWith(p("a")));
        assertFalse(p("/a/bc").startsWith(p("/a/b")));
        assertFalse(p("/a/b").startsWith(p("a")));
        assertFalse(p("a/b").startsWith(p("/a")));
    }

    @Test
    void endsWithComparesWholeNamesAndARootOnlyWithTheWholePath() {
        assertTrue(p("/a/b").endsWith(p("b")));
        assertTrue(p("/a/b").endsWith(p("a/b")));
        assertTrue(p("/a/b").endsWith(p("/a/b")));
        assertTrue(p("/a/b").endsWith(Path.of("b")));
        assertFalse(p("/a/bc").endsWith(p("c")));
        // A path with a root ends only a path with the same root and names.
        assertFalse(p("/a/b").endsWith(p("/b")));
        assertFalse(p("a/b").endsWith(p("/a/b")));
    }

    @Test
    void anAbsolutePathIsAModuxUri() {
        assertEquals("modux:///proc/version", p("/proc/version").toUri().toString());
    }
}
