package org.modux.fs.proc.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.modux.fs.sysfs.impl.SysfsFiles.cat;
import static org.modux.fs.sysfs.impl.SysfsFiles.echo;
import static org.modux.fs.sysfs.impl.SysfsFiles.ls;
import static org.modux.fs.sysfs.impl.SysfsFiles.walk;

import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.modux.fs.FileMode;
import org.modux.kernel.printk.LogLevel;
import org.modux.kernel.sysctl.CtlTable;
import org.modux.kernel.sysctl.Sysctl;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/** A bundle's sysctl registrations: files under /proc/sys, made and taken away whole. */
class SysctlServiceTest {

    private final ProcFixture fx = new ProcFixture();
    private final SysctlService kernel;
    private final SysctlService hello;
    private final AtomicIntegerArray answer = new AtomicIntegerArray(new int[] {42});
    private final AtomicReference<String> greeting = new AtomicReference<>("hi");

    SysctlServiceTest() throws ErrnoException {
        kernel = fx.sysctl(ProcFixture.KERNEL);
        hello = fx.sysctl(ProcFixture.HELLO);
    }

    private CtlTable answer(String name) {
        return CtlTable.intValue(name, 0644, answer, 0, 100);
    }

    @Test
    void aTableBecomesFilesUnderProcSysPath() throws ErrnoException {
        hello.register("net/hello", answer("answer"), CtlTable.string("greeting", 0600, greeting, 16),
                CtlTable.readOnly("version", () -> "1.0"));

        assertEquals(List.of("answer", "greeting", "version"), ls(fx.proc, "sys/net/hello"));
        assertEquals("dr-xr-xr-x", FileMode.toLsString(walk(fx.proc, "sys/net").mode()));
        assertEquals("-rw-r--r--", FileMode.toLsString(walk(fx.proc, "sys/net/hello/answer").mode()));
        assertEquals("-rw-------", FileMode.toLsString(walk(fx.proc, "sys/net/hello/greeting").mode()));
        assertEquals("-r--r--r--", FileMode.toLsString(walk(fx.proc, "sys/net/hello/version").mode()));
        assertEquals("42\n", cat(fx.proc, "sys/net/hello/answer"));
        assertEquals("hi\n", cat(fx.proc, "sys/net/hello/greeting"));
        assertEquals("1.0\n", cat(fx.proc, "sys/net/hello/version"));

        echo(fx.proc, "sys/net/hello/answer", "7\n");
        assertEquals(7, answer.get(0));
    }

    @Test
    void aNameThatIsTakenFailsTheWholeTableAndLeavesNothing() throws ErrnoException {
        kernel.register("kernel", answer("taken"));

        assertEquals(Errno.EEXIST, assertThrows(ErrnoException.class,
                () -> hello.register("kernel", answer("first"), answer("taken"))).errno());
        assertEquals(Errno.EEXIST, assertThrows(ErrnoException.class,
                () -> hello.register("fresh/dir", answer("twice"), answer("twice"))).errno());

        assertEquals(List.of("taken"), ls(fx.proc, "sys/kernel"));
        assertEquals(List.of("kernel"), ls(fx.proc, "sys"));
        hello.deactivate();
        assertEquals(List.of(), fx.printk.lines());
    }

    @Test
    void unregisterPrunesEmptyDirectoriesButNeverProcSys() throws ErrnoException {
        Sysctl.Registration deep = hello.register("net/ipv4/conf", answer("answer"));
        Sysctl.Registration shared = hello.register("net/core", answer("answer"));

        deep.unregister();
        assertEquals(List.of("core"), ls(fx.proc, "sys/net"));
        shared.unregister();
        assertEquals(List.of(), ls(fx.proc, "sys"));
        assertEquals(List.of("sys"), ls(fx.proc, ""));

        shared.unregister();
        assertEquals(List.of("sys"), ls(fx.proc, ""));
    }

    @Test
    void aDirectoryStaysWhileAnotherTableIsInIt() throws ErrnoException {
        Sysctl.Registration mine = hello.register("kernel", answer("hello"));
        kernel.register("kernel", answer("ostype"));

        mine.unregister();

        assertEquals(List.of("ostype"), ls(fx.proc, "sys/kernel"));
    }

    @Test
    void whatAModuleLeavesRegisteredIsUnregisteredWithAWarning() throws ErrnoException {
        hello.register("net/hello", answer("answer"));
        hello.register("kernel", answer("hello")).unregister();
        kernel.register("kernel", answer("ostype"));

        hello.deactivate();

        assertEquals(List.of("sysctl: hello left /proc/sys/net/hello registered, unregistering"),
                fx.printk.at(LogLevel.WARNING));
        assertEquals(List.of("kernel"), ls(fx.proc, "sys"));
    }

    @Test
    void theKernelsOwnTablesGoSilently() throws ErrnoException {
        kernel.register("kernel", answer("ostype"));

        kernel.deactivate();

        assertEquals(List.of(), fx.printk.lines());
        assertEquals(List.of(), ls(fx.proc, "sys"));
    }
}
