package org.modux.lib.kobject.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.modux.fs.sysfs.impl.SysfsFiles.ls;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.modux.kernel.printk.LogLevel;
import org.modux.lib.kobject.Kobject;
import org.modux.lib.kobject.Kobjects;
import org.modux.uapi.ErrnoException;

class BundleKobjectsTest {

    private final KobjectFixture k = new KobjectFixture();
    private final List<String> released = new ArrayList<>();

    @Test
    void whatAModuleLeavesBehindIsRemovedWithAWarningEach() throws ErrnoException {
        BundleKobjects hello = k.kobjects("hello");
        Kobject dir = hello.add("hello", null, hello.moduleKset(), () -> released.add("hello"));
        hello.createAndAdd("holders", dir);
        hello.createAndAdd("tidy", null).del();
        BundleKobjects other = k.kobjects("other");
        other.createAndAdd("other", null);

        hello.deactivate();

        assertEquals(List.of("kobject: module hello left /sys/module/hello/holders behind, removing",
                "kobject: module hello left /sys/module/hello behind, removing"), k.printk.at(LogLevel.WARNING));
        assertEquals(List.of("hello"), released);
        assertEquals(List.of(), ls(k.sys, "module"));
        assertEquals(List.of("kernel", "module", "fs", "other"), ls(k.sys, ""));
        assertEquals(1, hello.moduleKset().kref().read());
    }

    @Test
    void aModuleThatCleansUpLeavesNothingToReport() throws ErrnoException {
        BundleKobjects hello = k.kobjects("hello");
        Kobject dir = hello.add("hello", null, hello.moduleKset(), () -> released.add("hello"));
        dir.del();
        dir.put();

        hello.deactivate();

        assertEquals(List.of(), k.printk.at(LogLevel.WARNING));
        assertEquals(List.of("hello"), released);
    }

    @Test
    void theKernelsOwnGoQuietlyAtPowerOff() throws ErrnoException {
        Kobjects kernel = k.kernelKobjects();
        kernel.createAndAdd("ext2", kernel.fsKobj());

        ((BundleKobjects) kernel).deactivate();

        assertEquals(List.of(), k.printk.at(LogLevel.WARNING));
        assertEquals(List.of(), ls(k.sys, "fs"));
    }

    @Test
    void everyBundleSharesTheKernelRoots() throws ErrnoException {
        Kobjects a = k.kobjects("a");
        Kobjects b = k.kobjects("b");

        assertEquals(a.moduleKset(), b.moduleKset());
        assertEquals(List.of("kernel", "module", "fs"), ls(k.sys, ""));
        assertEquals(List.of("uevent_seqnum"), ls(k.sys, "kernel"));

        k.ksysfs.deactivate();
        assertEquals(List.of(), ls(k.sys, ""));
    }
}
