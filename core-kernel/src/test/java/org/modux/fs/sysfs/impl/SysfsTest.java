package org.modux.fs.sysfs.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.modux.fs.sysfs.impl.SysfsFiles.cat;
import static org.modux.fs.sysfs.impl.SysfsFiles.echo;
import static org.modux.fs.sysfs.impl.SysfsFiles.ls;
import static org.modux.fs.sysfs.impl.SysfsFiles.readlink;
import static org.modux.fs.sysfs.impl.SysfsFiles.walk;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.modux.fs.FileMode;
import org.modux.fs.FileOperations;
import org.modux.fs.Inode;
import org.modux.fs.OpenFlags;
import org.modux.kernel.printk.LogLevel;
import org.modux.kernel.printk.RecordingPrintk;
import org.modux.lib.kobject.Attribute;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

class SysfsTest {

    private final RecordingPrintk printk = new RecordingPrintk();
    private final Sysfs sysfs = new Sysfs(printk);
    private final Inode root = new SysfsFsType(sysfs).mount("sysfs", 0, "").root();

    private static Errno errno(ThrowingCall call) {
        return assertThrows(ErrnoException.class, call::run).errno();
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void directoriesListTheirEntriesWithLinuxModes() throws ErrnoException {
        KernfsNode module = sysfs.createDir(null, "module");
        KernfsNode hello = sysfs.createDir(module, "hello");
        sysfs.createFile(hello, Attribute.readOnly("refcnt", () -> "0"));
        sysfs.createDir(hello, "holders");

        assertEquals(List.of("module"), ls(root, ""));
        assertEquals(List.of("refcnt", "holders"), ls(root, "module/hello"));
        assertEquals(FileMode.S_IFDIR | 0555, root.mode());
        assertEquals(FileMode.S_IFDIR | 0755, walk(root, "module/hello").mode());
        assertEquals(FileMode.S_IFREG | 0444, walk(root, "module/hello/refcnt").mode());
        assertEquals(3, walk(root, "module/hello").nlink());
        assertEquals(4096, walk(root, "module/hello/refcnt").size());
        assertEquals(0, walk(root, "module/hello").size());
        assertNull(root.lookup("nope"));
        assertEquals(Errno.ENOTDIR, errno(() -> walk(root, "module/hello/refcnt").readdir()));
    }

    @Test
    void attributeReadsShowTheValueAndANewline() throws ErrnoException {
        KernfsNode kernel = sysfs.createDir(null, "kernel");
        sysfs.createFile(kernel, Attribute.readOnly("answer", () -> "forty-two"));

        assertEquals("forty-two\n", cat(root, "kernel/answer"));
    }

    @Test
    void readsServeTheSnapshotTakenAtOpen() throws ErrnoException {
        KernfsNode kernel = sysfs.createDir(null, "kernel");
        int[] value = {1};
        sysfs.createFile(kernel, Attribute.readOnly("counter", () -> Integer.toString(value[0])));

        FileOperations f = walk(root, "kernel/counter").open(OpenFlags.O_RDONLY);
        value[0] = 2;
        ByteBuffer buf = ByteBuffer.allocate(16);
        assertEquals(2, f.read(buf, 0));
        assertEquals("1\n", new String(buf.array(), 0, 2));
        assertEquals(0, f.read(buf.clear(), 2));
        assertEquals("2\n", cat(root, "kernel/counter"));
    }

    @Test
    void writesHandTheWholeBufferToStore() throws ErrnoException {
        KernfsNode dir = sysfs.createDir(null, "module");
        List<String> stored = new ArrayList<>();
        sysfs.createFile(dir, new Attribute("debug", 0644, () -> "0", stored::add));

        assertEquals(2, echo(root, "module/debug", "1\n"));
        assertEquals(0, echo(root, "module/debug", ""));
        assertEquals(List.of("1\n"), stored);
        assertEquals(Errno.E2BIG, errno(() -> echo(root, "module/debug", "x".repeat(4097))));
        assertEquals(4096, echo(root, "module/debug", "y".repeat(4096)));
    }

    @Test
    void accessTheModeOrTheAttributeDoesNotAllowIsRefused() throws ErrnoException {
        KernfsNode dir = sysfs.createDir(null, "kernel");
        sysfs.createFile(dir, Attribute.readOnly("seqnum", () -> "7"));
        sysfs.createFile(dir, new Attribute("trigger", 0200, null, v -> { }));
        sysfs.createFile(dir, new Attribute("stubborn", 0644, () -> "x", null));

        assertEquals(Errno.EACCES, errno(() -> echo(root, "kernel/seqnum", "8\n")));
        assertEquals(Errno.EACCES, errno(() -> cat(root, "kernel/trigger")));
        assertEquals(Errno.EACCES, errno(() -> echo(root, "kernel/stubborn", "y\n")));
        assertEquals(1, echo(root, "kernel/trigger", "1"));
    }

    @Test
    void aStoreErrorReachesTheWriter() throws ErrnoException {
        KernfsNode dir = sysfs.createDir(null, "module");
        sysfs.createFile(dir, new Attribute("level", 0644, () -> "3", v -> {
            throw new ErrnoException(Errno.EINVAL);
        }));

        assertEquals(Errno.EINVAL, errno(() -> echo(root, "module/level", "banana\n")));
    }

    @Test
    void duplicateNamesFailWithEexistAndAWarning() throws ErrnoException {
        KernfsNode module = sysfs.createDir(null, "module");
        KernfsNode hello = sysfs.createDir(module, "hello");
        sysfs.createFile(hello, Attribute.readOnly("refcnt", () -> "0"));

        assertEquals(Errno.EEXIST, errno(() -> sysfs.createDir(module, "hello")));
        assertEquals(Errno.EEXIST, errno(() -> sysfs.createFile(hello, Attribute.readOnly("refcnt", () -> "1"))));
        assertEquals(Errno.EEXIST, errno(() -> sysfs.createDir(null, "module")));
        assertEquals(List.of("sysfs: cannot create duplicate filename '/module/hello'",
                "sysfs: cannot create duplicate filename '/module/hello/refcnt'",
                "sysfs: cannot create duplicate filename '/module'"), printk.at(LogLevel.WARNING));
    }

    @Test
    void symlinksReadAsRelativePaths() throws ErrnoException {
        KernfsNode hello = sysfs.createDir(sysfs.createDir(null, "module"), "hello");
        KernfsNode driver = sysfs.createDir(sysfs.createDir(sysfs.createDir(null, "bus"), "platform"), "hello");
        KernfsNode drivers = sysfs.createDir(hello, "drivers");
        sysfs.createLink(driver, "module", hello);
        sysfs.createLink(drivers, "platform:hello", driver);
        sysfs.createLink(hello, "self", hello);

        assertEquals("../../../module/hello", readlink(root, "bus/platform/hello/module"));
        assertEquals("../../../bus/platform/hello", readlink(root, "module/hello/drivers/platform:hello"));
        assertEquals("../hello", readlink(root, "module/hello/self"));
        assertEquals(FileMode.S_IFLNK | 0777, walk(root, "bus/platform/hello/module").mode());
        assertEquals(Errno.EINVAL, errno(() -> readlink(root, "module/hello")));
    }

    @Test
    void groupsAreSubdirectoriesMadeWhole() throws ErrnoException {
        KernfsNode hello = sysfs.createDir(null, "hello");
        sysfs.createGroup(hello, "parameters", Attribute.readOnly("irq", () -> "9"),
                new Attribute("debug", 0644, () -> "N", v -> { }));

        assertEquals(List.of("irq", "debug"), ls(root, "hello/parameters"));
        assertEquals("9\n", cat(root, "hello/parameters/irq"));
        assertEquals(Errno.EEXIST, errno(() -> sysfs.createGroup(hello, "broken",
                Attribute.readOnly("a", () -> ""), Attribute.readOnly("a", () -> ""))));
        assertEquals(List.of("parameters"), ls(root, "hello"));

        sysfs.removeByName(hello, "parameters");
        assertEquals(List.of(), ls(root, "hello"));
    }

    @Test
    void everyMountShowsTheSameTreeWithStableInodeNumbers() throws ErrnoException {
        SysfsFsType type = new SysfsFsType(sysfs);
        Inode other = type.mount("sysfs", 0, "").root();
        KernfsNode dir = sysfs.createDir(null, "fs");

        assertSame(walk(root, "fs"), walk(other, "fs"));
        assertEquals(walk(root, "fs").ino(), walk(other, "fs").ino());
        assertEquals(1, root.ino());
        sysfs.createDir(dir, "ext2");
        assertEquals(List.of("ext2"), ls(other, "fs"));
        assertFalse(walk(root, "fs/ext2").ino() == walk(root, "fs").ino());
        assertEquals("sysfs", type.name());
        assertFalse(type.requiresDev());
    }

    @Test
    void removedFilesAreGoneAndTheirOpenFilesFailWithEnodev() throws ErrnoException {
        KernfsNode dir = sysfs.createDir(null, "module");
        KernfsNode hello = sysfs.createDir(dir, "hello");
        sysfs.createFile(hello, new Attribute("debug", 0644, () -> "0", v -> { }));
        Inode debug = walk(root, "module/hello/debug");
        FileOperations open = debug.open(OpenFlags.O_RDWR);
        Inode helloInode = walk(root, "module/hello");

        sysfs.removeDir(hello);

        assertEquals(List.of(), ls(root, "module"));
        assertEquals(Errno.ENODEV, errno(() -> open.write(ByteBuffer.wrap("1".getBytes()), 0)));
        assertEquals(Errno.ENODEV, errno(() -> debug.open(OpenFlags.O_RDONLY)));
        assertNull(helloInode.lookup("debug"));
        assertEquals(List.of(), helloInode.readdir());
        assertEquals(Errno.ENOENT, errno(() -> sysfs.createDir(hello, "again")));
    }

    @Test
    void removalWaitsForAShowInProgress() throws Exception {
        KernfsNode dir = sysfs.createDir(null, "slow");
        CountDownLatch inShow = new CountDownLatch(1);
        CountDownLatch finishShow = new CountDownLatch(1);
        sysfs.createFile(dir, Attribute.readOnly("value", () -> {
            inShow.countDown();
            await(finishShow);
            return "done";
        }));
        AtomicReference<String> read = new AtomicReference<>();
        Thread reader = Thread.ofVirtual().start(() -> read.set(catQuietly("slow/value")));
        assertTrue(inShow.await(10, TimeUnit.SECONDS));

        Thread remover = Thread.ofVirtual().start(() -> sysfs.removeDir(dir));
        assertFalse(remover.join(Duration.ofMillis(200)));
        finishShow.countDown();
        assertTrue(remover.join(Duration.ofSeconds(10)));
        reader.join();
        assertEquals("done\n", read.get());
    }

    @Test
    void aStoreMayRemoveItsOwnDirectory() throws ErrnoException {
        KernfsNode dir = sysfs.createDir(null, "device");
        KernfsNode[] self = {dir};
        sysfs.createFile(dir, new Attribute("remove", 0200, null, v -> sysfs.removeDir(self[0])));

        assertEquals(2, echo(root, "device/remove", "1\n"));
        assertEquals(List.of(), ls(root, ""));
    }

    private String catQuietly(String path) {
        try {
            return cat(root, path);
        } catch (ErrnoException e) {
            return e.errno().name();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
