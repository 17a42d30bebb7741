package org.modux.usr.kmod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** depmod over a module tree on a host directory: kmod's dependency order and index text. */
class DepmodTest {

    @TempDir
    Path dir;

    /**
     * a exports a package; b imports it and registers a service; c needs both; d
     * stands alone; in-tree under kernel/, c out of tree under extra/.
     */
    static void tree(Path dir) throws IOException {
        TestModules.module("mod-a").header("Export-Package", "org.example.a;version=\"1.0.0\"")
                .header("Module-Alias", "fs-a,char-major-42-*").writeTo(dir.resolve("kernel/lib/mod-a.jar"));
        TestModules.module("mod_b").header("Import-Package", "org.example.a;version=\"[1.0,2)\"")
                .header("Provide-Capability", "osgi.service;objectClass:List<String>=\"org.example.b.B\"")
                .writeTo(dir.resolve("kernel/lib/mod_b.jar"));
        TestModules.module("c").header("Import-Package", "org.example.a,org.modux.kernel.printk")
                .header("Require-Capability", "osgi.service;filter:=\"(objectClass=org.example.b.B)\"")
                .header("Module-Alias", "pci:v00001234d*").writeTo(dir.resolve("extra/c.jar"));
        TestModules.module("d").writeTo(dir.resolve("kernel/d.jar"));
    }

    @Test
    void indexesAsKmodWritesThem() throws Exception {
        tree(dir);
        Files.writeString(dir.resolve("kernel/notes.txt"), "not a module\n");
        Depmod d = new Depmod(Depmod.scan(dir, w -> { }));
        assertEquals("""
                extra/c.jar: kernel/lib/mod_b.jar kernel/lib/mod-a.jar
                kernel/d.jar:
                kernel/lib/mod-a.jar:
                kernel/lib/mod_b.jar: kernel/lib/mod-a.jar
                """, d.modulesDep(), "direct dependency first, deepest last");
        assertEquals("""
                # Aliases extracted from modules themselves.
                alias pci:v00001234d* c
                alias fs-a mod_a
                alias char-major-42-* mod_a
                """, d.modulesAlias());
        assertEquals("""
                # Aliases for symbols, used by symbol_request().
                alias symbol:org.example.a mod_a
                alias symbol:org.example.b.B mod_b
                """, d.modulesSymbols());
        assertEquals(List.of("mod_a", "mod_b"), d.directDependencies(0));
    }

    @Test
    void modulesOrderComesFirst() throws Exception {
        tree(dir);
        Files.writeString(dir.resolve("modules.order"), "kernel/lib/mod_b.jar\nkernel/gone.jar\nkernel/d.jar\n");
        Depmod d = new Depmod(Depmod.scan(dir, w -> { }));
        assertEquals(List.of("mod_b", "d", "c", "mod_a"), d.modules().stream().map(Depmod.Entry::modname).toList());
    }

    @Test
    void writesEveryIndexAndWarnsOfNonModules() throws Exception {
        tree(dir);
        TestModules.module("plain").header("Module-Name", "").writeTo(dir.resolve("kernel/plain.jar"));
        List<String> warnings = new ArrayList<>();
        new Depmod(Depmod.scan(dir, warnings::add)).write(dir);
        assertEquals(List.of("failed " + dir + "/kernel/plain.jar: Exec format error"), warnings);
        assertEquals("# Soft dependencies extracted from modules themselves.\n",
                Files.readString(dir.resolve("modules.softdep")));
        assertEquals("kernel/lib/mod_b.jar: kernel/lib/mod-a.jar", Files.readAllLines(dir.resolve("modules.dep")).get(3));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("extra", "kernel", "modules.alias", "modules.dep", "modules.softdep",
                    "modules.symbols", "modules.weakdep"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aDependencyCycleIsRefused() throws Exception {
        TestModules.module("x").header("Export-Package", "org.x").header("Import-Package", "org.y")
                .writeTo(dir.resolve("x.jar"));
        TestModules.module("y").header("Export-Package", "org.y").header("Import-Package", "org.x")
                .writeTo(dir.resolve("y.jar"));
        TestModules.module("z").header("Import-Package", "org.x").writeTo(dir.resolve("z.jar"));
        Depmod.CycleException e = assertThrows(Depmod.CycleException.class,
                () -> new Depmod(Depmod.scan(dir, w -> { })));
        assertEquals(List.of("x -> y -> x"), e.cycles());
        assertEquals("Found 2 modules in dependency cycles!", e.getMessage());
    }
}
