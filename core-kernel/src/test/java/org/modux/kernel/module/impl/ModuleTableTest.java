package org.modux.kernel.module.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.modux.kernel.module.ModuleState;

/** The list of loaded modules: lookups by name and bundle, duplicates, order, users. */
class ModuleTableTest {

    private final FakeBundles bundles = new FakeBundles();
    private final ModuleTable table = new ModuleTable();

    private KModule add(String name) {
        KModule mod = bundles.module(table, name, 4096, ModuleArea.MODULES_VADDR);
        assertTrue(table.add(mod), name);
        return mod;
    }

    private List<String> names() {
        return table.list().stream().map(m -> m.name).toList();
    }

    @Test
    void findTreatsDashAndUnderscoreAlike() {
        KModule mod = add("snd_hda_intel");
        assertSame(mod, table.find("snd-hda-intel").orElseThrow());
        assertSame(mod, table.find("snd_hda-intel").orElseThrow());
        assertSame(mod, table.find("snd_hda_intel").orElseThrow());
        assertEquals(Optional.empty(), table.find("snd_hda"));
        assertEquals("snd_hda_intel", ModuleTable.normalize("snd-hda-intel"));
    }

    @Test
    void forBundleFindsTheModuleOfABundle() {
        KModule mod = add("hello");
        assertSame(mod, table.forBundle(mod.bundle).orElseThrow());
        assertEquals(Optional.empty(), table.forBundle(bundles.bundle("other", "GPL")));
    }

    @Test
    void addRefusesASecondModuleOfTheSameName() {
        KModule first = add("hello");
        assertFalse(table.add(bundles.module(table, "hello", 8192, ModuleArea.MODULES_VADDR + 4096)));
        assertSame(first, table.find("hello").orElseThrow());
        assertEquals(List.of("hello"), names());
    }

    @Test
    void listIsNewestFirst() {
        add("a");
        KModule b = add("b");
        add("c");
        assertEquals(List.of("c", "b", "a"), names());
        table.remove(b);
        assertEquals(List.of("c", "a"), names());
        assertEquals(Optional.empty(), table.find("b"));
        assertEquals(Optional.empty(), table.forBundle(b.bundle));
        add("b");
        assertEquals(List.of("b", "c", "a"), names());
    }

    @Test
    void holdersAreTheLoadedModulesUsingIt() {
        KModule provider = add("symexport");
        KModule first = add("symuser_gpl");
        KModule second = add("symuser");
        KModule unrelated = add("hello");
        bundles.uses(first, provider);
        bundles.uses(second, provider);
        assertEquals(List.of(second, first), table.holders(provider));
        assertEquals(List.of(), table.holders(unrelated));
        provider.setState(ModuleState.LIVE);
        assertEquals(2, provider.refcount());

        table.remove(second);
        assertEquals(List.of(first), table.holders(provider));
    }
}
