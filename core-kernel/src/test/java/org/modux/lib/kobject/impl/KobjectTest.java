package org.modux.lib.kobject.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.modux.fs.sysfs.impl.SysfsFiles.cat;
import static org.modux.fs.sysfs.impl.SysfsFiles.echo;
import static org.modux.fs.sysfs.impl.SysfsFiles.ls;
import static org.modux.fs.sysfs.impl.SysfsFiles.readlink;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.modux.kernel.printk.LogLevel;
import org.modux.lib.kobject.Attribute;
import org.modux.lib.kobject.Kobject;
import org.modux.lib.kobject.Kobjects;
import org.modux.lib.kobject.Kset;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

class KobjectTest {

    private final KobjectFixture k = new KobjectFixture();
    private final Kobjects kobjects = k.kobjects("hello");
    private final List<String> released = new ArrayList<>();

    private Errno errno(ThrowingCall call) {
        return assertThrows(ErrnoException.class, call::run).errno();
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }

    private Runnable release(String name) {
        return () -> released.add(name);
    }

    @Test
    void pathIsTheChainOfNamesBelowSys() throws ErrnoException {
        Kobject hello = kobjects.add("hello", null, kobjects.moduleKset(), release("hello"));
        Kobject holders = kobjects.createAndAdd("holders", hello);
        Kobject top = kobjects.createAndAdd("firmware", null);

        assertEquals("/module/hello", hello.path());
        assertEquals("/module/hello/holders", holders.path());
        assertEquals("/firmware", top.path());
        assertEquals("/kernel", kobjects.kernelKobj().path());
        assertEquals("/fs", kobjects.fsKobj().path());
        assertEquals(List.of("kernel", "module", "fs", "firmware"), ls(k.sys, ""));
        assertEquals(List.of("holders"), ls(k.sys, "module/hello"));
    }

    @Test
    void aKsetMemberWithoutParentGoesUnderItsKset() throws ErrnoException {
        Kset modules = kobjects.moduleKset();
        Kobject hello = kobjects.add("hello", null, modules, release("hello"));

        assertSame(modules, hello.parent());
        assertSame(modules, hello.kset());
        assertEquals(List.of(hello), modules.members());
        Kobject found = modules.find("hello");
        assertSame(hello, found);
        assertEquals(2, hello.kref().read());
        found.put();
        assertNull(modules.find("nope"));
    }

    @Test
    void anAddedKobjectHoldsItsParentUntilDeleted() throws ErrnoException {
        Kobject parent = kobjects.createAndAdd("parent", null);
        Kset set = kobjects.ksetCreateAndAdd("set", null);
        Kobject child = kobjects.add("child", parent, set, release("child"));

        assertEquals(2, parent.kref().read());
        assertEquals(2, set.kref().read());
        assertSame(parent, child.parent());

        child.del();

        assertEquals(1, parent.kref().read());
        assertEquals(1, set.kref().read());
        assertNull(child.parent());
        assertEquals(List.of(), set.members());
        assertEquals(List.of(), ls(k.sys, "parent"));
        assertEquals("/child", child.path());
    }

    @Test
    void theLastPutReleasesOnceAndThenDropsTheParent() throws ErrnoException {
        Kobject parent = kobjects.add("parent", null, null, release("parent"));
        Kobject child = kobjects.add("child", parent, null, release("child"));
        parent.del();
        parent.put();
        assertEquals(List.of(), released);

        child.get();
        child.put();
        assertEquals(List.of(), released);
        child.put();

        assertEquals(List.of("child", "parent"), released);
        assertThrows(IllegalStateException.class, child::get);
    }

    @Test
    void putWithoutDelTakesTheDirectoryAway() throws ErrnoException {
        Kobject lone = kobjects.add("lone", null, null, release("lone"));
        lone.put();

        assertEquals(List.of("lone"), released);
        assertEquals(List.of("kernel", "module", "fs"), ls(k.sys, ""));
    }

    @Test
    void aDuplicateNameFailsWithEexistAndReleasesTheNewcomer() throws ErrnoException {
        Kset modules = kobjects.moduleKset();
        kobjects.add("hello", null, modules, release("first"));

        assertEquals(Errno.EEXIST, errno(() -> kobjects.add("hello", null, modules, release("second"))));

        assertEquals(List.of("second"), released);
        assertEquals(3, modules.kref().read(), "the kset's own, and the first hello's as parent and as member");
        assertEquals(1, modules.members().size());
        assertEquals(List.of("sysfs: cannot create duplicate filename '/module/hello'"), k.printk.at(LogLevel.WARNING));
        assertEquals(List.of("kobject_add_internal failed for hello with -EEXIST, don't try to register things"
                + " with the same name in the same directory."), k.printk.at(LogLevel.ERR));
    }

    @Test
    void namesAreCheckedAndSlashesBecomeBangs() throws ErrnoException {
        assertEquals(Errno.EINVAL, errno(() -> kobjects.add("", null, null, release("empty"))));
        assertEquals(List.of("empty"), released);
        assertTrue(k.printk.at(LogLevel.ERR).get(0).matches(
                "kobject: \\([0-9a-f]{16}\\): attempted to be registered with empty name!"));

        Kobject odd = kobjects.createAndAdd("dm/0", null);
        assertEquals("dm!0", odd.name());
        assertEquals("/dm!0", odd.path());
    }

    @Test
    void addingUnderADeletedParentFailsWithEnoent() throws ErrnoException {
        Kobject parent = kobjects.createAndAdd("gone", null);
        parent.del();

        assertEquals(Errno.ENOENT, errno(() -> kobjects.add("child", parent, null, release("child"))));
        assertEquals(List.of("child"), released);
        assertEquals(1, parent.kref().read());
    }

    @Test
    void attributesReadAndWriteThroughSysfs() throws ErrnoException {
        AtomicReference<String> debug = new AtomicReference<>("0");
        Kobject hello = kobjects.add("hello", null, kobjects.moduleKset(), release("hello"),
                Attribute.readOnly("refcnt", () -> "1"));
        hello.createFile(new Attribute("debug", 0644, debug::get, v -> debug.set(v.strip())));
        hello.createGroup("parameters", Attribute.readOnly("irq", () -> "9"));

        assertEquals(List.of("refcnt", "debug", "parameters"), ls(k.sys, "module/hello"));
        assertEquals("1\n", cat(k.sys, "module/hello/refcnt"));
        assertEquals(2, echo(k.sys, "module/hello/debug", "7\n"));
        assertEquals("7\n", cat(k.sys, "module/hello/debug"));
        assertEquals("9\n", cat(k.sys, "module/hello/parameters/irq"));
        assertEquals(Errno.EACCES, errno(() -> echo(k.sys, "module/hello/refcnt", "2\n")));

        hello.removeFile("debug");
        hello.removeGroup("parameters");
        hello.removeFile("never-there");
        assertEquals(List.of("refcnt"), ls(k.sys, "module/hello"));
    }

    @Test
    void symlinksPointAtTheTargetsDirectory() throws ErrnoException {
        Kobject hello = kobjects.add("hello", null, kobjects.moduleKset(), release("hello"));
        Kobject drivers = kobjects.createAndAdd("drivers", kobjects.createAndAdd("platform", null));
        Kobject driver = kobjects.createAndAdd("hello", drivers);
        driver.createLink("module", hello);

        assertEquals("../../../module/hello", readlink(k.sys, "platform/drivers/hello/module"));
        driver.removeLink("module");
        assertEquals(List.of(), ls(k.sys, "platform/drivers/hello"));
    }

    @Test
    void sysfsCallsOnADeletedKobjectFailAsLinuxDoes() throws ErrnoException {
        Kobject live = kobjects.createAndAdd("live", null);
        Kobject dead = kobjects.createAndAdd("dead", null);
        dead.del();

        assertEquals(Errno.EINVAL, errno(() -> dead.createFile(Attribute.readOnly("x", () -> ""))));
        assertEquals(Errno.EINVAL, errno(() -> dead.createGroup("g")));
        assertEquals(Errno.EFAULT, errno(() -> dead.createLink("l", live)));
        assertEquals(Errno.ENOENT, errno(() -> live.createLink("l", dead)));
        dead.del();
        assertEquals(1, dead.kref().read());
    }

    @Test
    void kobjectsFromElsewhereAreRefused() {
        Kobject foreign = new KobjectFixture().kobjects("other").kernelKobj();

        assertThrows(IllegalArgumentException.class, () -> kobjects.createAndAdd("x", foreign));
    }
}
