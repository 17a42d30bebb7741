package org.modux.fs.proc.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.modux.fs.sysfs.impl.SysfsFiles.cat;
import static org.modux.fs.sysfs.impl.SysfsFiles.echo;
import static org.modux.fs.sysfs.impl.SysfsFiles.ls;
import static org.modux.fs.sysfs.impl.SysfsFiles.readlink;
import static org.modux.fs.sysfs.impl.SysfsFiles.walk;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.modux.fs.FileMode;
import org.modux.fs.FileOperations;
import org.modux.fs.OpenFlags;
import org.modux.kernel.printk.LogLevel;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/** A bundle's ProcFs: the entries it makes under /proc, and what happens to them when it goes. */
class ProcFsServiceTest {

    private final ProcFixture fx = new ProcFixture();
    private final ProcFsService kernel = fx.procFs(ProcFixture.KERNEL);
    private final ProcFsService hello = fx.procFs(ProcFixture.HELLO);

    private static Errno fails(Executable call) {
        return assertThrows(ErrnoException.class, call).errno();
    }

    private static String read(FileOperations f, long pos, int max) throws ErrnoException {
        ByteBuffer buf = ByteBuffer.allocate(max);
        int n = f.read(buf, pos);
        return new String(buf.array(), 0, n, StandardCharsets.UTF_8);
    }

    @Test
    void createSingleIsA0444FileSnapshotAtItsFirstRead() throws ErrnoException {
        String[] state = {"before"};
        hello.createSingle("hello", m -> m.printf("%s\n", state[0]));

        FileOperations first = walk(fx.proc, "hello").open(OpenFlags.O_RDONLY);
        assertEquals("bef", read(first, 0, 3));
        state[0] = "after";
        assertEquals("ore\n", read(first, 3, 100));

        assertEquals("after\n", cat(fx.proc, "hello"));
        assertEquals("-r--r--r--", FileMode.toLsString(walk(fx.proc, "hello").mode()));
    }

    @Test
    void mkdirAndCreateMakeEntriesOfTheirModes() throws ErrnoException {
        List<String> written = new ArrayList<>();
        hello.mkdir("driver");
        hello.create("driver/hello", 0600, m -> m.puts("on\n"), written::add);

        assertEquals("dr-xr-xr-x", FileMode.toLsString(walk(fx.proc, "driver").mode()));
        assertEquals("-rw-------", FileMode.toLsString(walk(fx.proc, "driver/hello").mode()));
        assertEquals("on\n", cat(fx.proc, "driver/hello"));
        echo(fx.proc, "driver/hello", "off\n");
        assertEquals(List.of("off\n"), written);
    }

    @Test
    void createFailsWhenTheNameIsTakenOrThePathIsWrong() throws ErrnoException {
        kernel.createSingle("version", m -> { });

        assertEquals(Errno.EEXIST, fails(() -> hello.createSingle("version", m -> { })));
        assertEquals(Errno.EEXIST, fails(() -> hello.mkdir("version")));
        assertEquals(Errno.ENOENT, fails(() -> hello.createSingle("driver/hello", m -> { })));
        assertEquals(Errno.ENOTDIR, fails(() -> hello.symlink("version/hello", "x")));
        assertEquals(Errno.EINVAL, fails(() -> hello.mkdir("")));
    }

    @Test
    void removeTakesTheEntryAndEverythingBelowIt() throws ErrnoException {
        hello.mkdir("driver");
        hello.mkdir("driver/hello");
        hello.createSingle("driver/hello/status", m -> { });
        hello.createSingle("driver/other", m -> { });

        hello.remove("driver/hello");

        assertEquals(List.of("other"), ls(fx.proc, "driver"));
        assertEquals(Errno.ENOENT, fails(() -> hello.remove("driver/hello")));
        assertEquals(Errno.ENOENT, fails(() -> hello.remove("")));
        assertEquals(List.of("driver"), ls(fx.proc, ""));
    }

    @Test
    void aSymlinkReadsAsItsTarget() throws ErrnoException {
        kernel.symlink("mounts", "self/mounts");
        assertEquals("self/mounts", readlink(fx.proc, "mounts"));
        assertEquals("lrwxrwxrwx", FileMode.toLsString(walk(fx.proc, "mounts").mode()));
    }

    @Test
    void rawOperationsAreWhatTheFileIsOpenedWith() throws ErrnoException {
        FileOperations ops = new FileOperations() {
            @Override
            public int read(ByteBuffer dst, long pos) {
                dst.put((byte) 'k');
                return 1;
            }
        };
        kernel.create("kmsg", 0400, flags -> ops);

        assertSame(ops, walk(fx.proc, "kmsg").open(OpenFlags.O_RDONLY));
        assertEquals("-r--------", FileMode.toLsString(walk(fx.proc, "kmsg").mode()));
    }

    @Test
    void whatAModuleLeavesBehindIsRemovedNewestFirstWithAWarningEach() throws ErrnoException {
        kernel.mkdir("driver");
        hello.mkdir("hello");
        hello.createSingle("hello/status", m -> { });
        hello.createSingle("driver/hello", m -> { });
        hello.createSingle("tidy", m -> { });
        hello.remove("tidy");

        hello.deactivate();

        assertEquals(List.of("proc: hello left /proc/driver/hello behind, removing",
                "proc: hello left /proc/hello/status behind, removing",
                "proc: hello left /proc/hello behind, removing"), fx.printk.at(LogLevel.WARNING));
        assertEquals(List.of("driver"), ls(fx.proc, ""));
        assertEquals(List.of(), ls(fx.proc, "driver"));
    }

    @Test
    void whatAnotherBundleRemovedIsNotReported() throws ErrnoException {
        hello.mkdir("hello");
        hello.createSingle("hello/status", m -> { });
        kernel.remove("hello");

        hello.deactivate();

        assertEquals(List.of(), fx.printk.lines());
    }

    @Test
    void theKernelsOwnEntriesGoSilently() throws ErrnoException {
        kernel.createSingle("version", m -> { });
        hello.createSingle("hello", m -> { });

        kernel.deactivate();

        assertEquals(List.of(), fx.printk.lines());
        assertEquals(List.of("hello"), ls(fx.proc, ""));
    }
}
