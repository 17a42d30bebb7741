package org.modux.kernel.module.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.modux.fs.sysfs.impl.SysfsFiles.cat;
import static org.modux.fs.sysfs.impl.SysfsFiles.walk;

import org.junit.jupiter.api.Test;
import org.modux.fs.FileMode;
import org.modux.fs.proc.impl.ProcFixture;
import org.modux.kernel.Taint;
import org.modux.kernel.module.ModuleState;
import org.modux.uapi.ErrnoException;

/**
 * /proc/modules as lsmod reads it (proc(5); Linux: kernel/module/procfs.c m_show,
 * kernel/module/main.c module_flags): one line per module, newest first.
 */
class ProcModulesTest {

    private final ProcFixture fx = new ProcFixture();
    private final ModuleCore core = new ModuleCore(FakeBundles.kernelContext(), null);
    private final FakeBundles bundles = new FakeBundles();
    private final ProcModules procModules;

    ProcModulesTest() throws ErrnoException {
        procModules = new ProcModules(fx.procFs(ProcFixture.KERNEL), core);
    }

    /** A module as the loader sets it up: its image placed in the module area, in the list, in {@code state}. */
    private KModule load(String name, long size, ModuleState state, Taint... taints) {
        KModule mod = bundles.module(core.table, name, size, core.area.alloc(size));
        core.table.add(mod);
        mod.setState(state);
        for (Taint t : taints) {
            mod.addTaint(t);
        }
        return mod;
    }

    private String procModules() throws ErrnoException {
        return cat(fx.proc, "modules");
    }

    @Test
    void noModulesIsAnEmptyReadOnlyFile() throws ErrnoException {
        assertEquals("", procModules());
        assertEquals("-r--r--r--", FileMode.toLsString(walk(fx.proc, "modules").mode()));
    }

    @Test
    void aLiveModuleWithoutUsersShowsADash() throws ErrnoException {
        load("hello", 4096, ModuleState.LIVE);
        assertEquals("hello 4096 0 - Live 0xffffffffc0000000\n", procModules());
    }

    @Test
    void usersAreListedNewestFirstEachWithATrailingComma() throws ErrnoException {
        KModule symexport = load("symexport", 8192, ModuleState.LIVE);
        KModule gpl = load("symuser_gpl", 4096, ModuleState.LIVE, Taint.OOT_MODULE);
        bundles.uses(gpl, symexport);
        assertEquals("""
                symuser_gpl 4096 0 - Live 0xffffffffc0002000 (O)
                symexport 8192 1 symuser_gpl, Live 0xffffffffc0000000
                """, procModules());

        KModule other = load("symuser", 4096, ModuleState.LIVE, Taint.PROPRIETARY_MODULE, Taint.OOT_MODULE);
        bundles.uses(other, symexport);
        assertEquals("""
                symuser 4096 0 - Live 0xffffffffc0003000 (PO)
                symuser_gpl 4096 0 - Live 0xffffffffc0002000 (O)
                symexport 8192 2 symuser,symuser_gpl, Live 0xffffffffc0000000
                """, procModules());
    }

    @Test
    void taintLettersAreInBitOrderWhateverTheOrderTheyWereAdded() throws ErrnoException {
        load("x", 4096, ModuleState.LIVE, Taint.UNSIGNED_MODULE, Taint.OOT_MODULE, Taint.PROPRIETARY_MODULE,
                Taint.FORCED_MODULE);
        assertEquals("x 4096 0 - Live 0xffffffffc0000000 (PFOE)\n", procModules());
    }

    @Test
    void aLoadingModuleCountsTheLoadersReferenceAndATaintedOneShowsPlus() throws ErrnoException {
        load("plain", 4096, ModuleState.COMING);
        load("oot", 20480, ModuleState.COMING, Taint.OOT_MODULE);
        assertEquals("""
                oot 20480 1 - Loading 0xffffffffc0001000 (O+)
                plain 4096 1 - Loading 0xffffffffc0000000
                """, procModules());
    }

    @Test
    void anUnloadingModuleShowsMinusOnlyWhenTainted() throws ErrnoException {
        load("plain", 4096, ModuleState.GOING);
        load("oot", 4096, ModuleState.GOING, Taint.OOT_MODULE);
        assertEquals("""
                oot 4096 0 - Unloading 0xffffffffc0001000 (O-)
                plain 4096 0 - Unloading 0xffffffffc0000000
                """, procModules());
    }

    @Test
    void explicitReferencesCount() throws ErrnoException {
        KModule mod = load("hello", 4096, ModuleState.LIVE);
        mod.tryGet();
        mod.tryGet();
        assertEquals("hello 4096 2 - Live 0xffffffffc0000000\n", procModules());
        mod.put();
        assertEquals("hello 4096 1 - Live 0xffffffffc0000000\n", procModules());
    }

    @Test
    void moduleFlagsAreEmptyForAnUntaintedModuleInAnyState() {
        for (ModuleState state : ModuleState.values()) {
            assertEquals("", ProcModules.moduleFlags("", state), state.name());
        }
        assertEquals("(PO)", ProcModules.moduleFlags("PO", ModuleState.LIVE));
        assertEquals("(O+)", ProcModules.moduleFlags("O", ModuleState.COMING));
        assertEquals("(O-)", ProcModules.moduleFlags("O", ModuleState.GOING));
    }

    @Test
    void deactivationRemovesTheFile() throws ErrnoException {
        procModules.deactivate();
        assertThrows(ErrnoException.class, () -> walk(fx.proc, "modules"));
    }
}
