package org.modux.usr.kmod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lsmod's table: kmod's header and "%-19s %8ld  %d" rows with holders. */
class LsmodTest {

    @TempDir
    Path root;

    @Test
    void rows() {
        assertEquals("vfat                   20480  1\n", Lsmod.row("vfat", 20480, 1, List.of()));
        assertEquals("fat                    98304  2 vfat,msdos\n", Lsmod.row("fat", 98304, 2, List.of("vfat", "msdos")));
        assertEquals("a_module_with_a_long_name     4096  0\n", Lsmod.row("a_module_with_a_long_name", 4096, 0, List.of()));
    }

    @Test
    void tableFromProcAndSys() throws Exception {
        FakeKernel kernel = new FakeKernel(root);
        assertEquals("Module                  Size  Used by\n", Lsmod.table(new LoadedModules(root)));
        Path dir = root.resolve("lib/modules/r");
        DepmodTest.tree(dir);
        kernel.initModule("/a", Files.readAllBytes(dir.resolve("kernel/lib/mod-a.jar")), "", 0);
        kernel.initModule("/b", Files.readAllBytes(dir.resolve("kernel/lib/mod_b.jar")), "", 0);
        assertEquals("""
                Module                  Size  Used by
                mod_b                   4096  0
                mod_a                   4096  1 mod_b
                """, Lsmod.table(new LoadedModules(root)));
        Files.delete(root.resolve("sys/module/mod_b/coresize"));
        assertEquals(4096, new LoadedModules(root).size("mod_b"), "without coresize, /proc/modules says");
        assertEquals(-2, new LoadedModules(root).refcnt("nope"));
        Files.delete(root.resolve("proc/modules"));
        assertThrows(IOException.class, () -> Lsmod.table(new LoadedModules(root)));
    }
}
