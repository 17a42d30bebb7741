package org.modux.usr.kmod;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** modinfo's depends: the providers of what a module needs, named by file as modpost names them. */
class SymbolTableTest {

    @TempDir
    Path dir;

    @Test
    void fromModulesSymbolsOrFromTheTree() throws Exception {
        DepmodTest.tree(dir);
        ModuleFile c = ModuleFile.read(Files.readAllBytes(dir.resolve("extra/c.jar")));
        SymbolTable scanned = SymbolTable.of(new ModuleIndex(dir, "/m"), dir);
        assertEquals(List.of("mod-a", "mod_b"), scanned.depends(c));
        new Depmod(Depmod.scan(dir, w -> { })).write(dir);
        Files.delete(dir.resolve("kernel/lib/mod-a.jar"));
        SymbolTable indexed = SymbolTable.of(new ModuleIndex(dir, "/m"), dir);
        assertEquals(List.of("mod-a", "mod_b"), indexed.depends(c), "read from modules.symbols and modules.dep");
        assertEquals(List.of(), indexed.depends(ModuleFile.read(Files.readAllBytes(dir.resolve("kernel/d.jar")))));
    }
}
