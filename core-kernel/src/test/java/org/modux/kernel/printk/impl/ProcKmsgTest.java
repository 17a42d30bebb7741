package org.modux.kernel.printk.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.modux.fs.FileOperations;
import org.modux.fs.OpenFlags;
import org.modux.kernel.printk.Printk;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

class ProcKmsgTest {

    private final FakeMachine machine = new FakeMachine("");
    private final KernelLog log = KernelLogs.boot(machine);
    private final Printk printk = new PrintkLogger(log, "kernel");
    private final FakeProcFs procFs = new FakeProcFs();
    private final ProcKmsg procKmsg;

    ProcKmsgTest() throws ErrnoException {
        procKmsg = new ProcKmsg(procFs, log);
    }

    private FileOperations open(int flags) throws ErrnoException {
        return procFs.ops.get("kmsg").open(flags);
    }

    private static String read(FileOperations file, int size) throws ErrnoException {
        ByteBuffer dst = ByteBuffer.allocate(size);
        int n = file.read(dst, 0);
        return new String(dst.array(), 0, n, StandardCharsets.UTF_8);
    }

    @Test
    void kmsgIsReadableByRootOnly() {
        assertEquals(0400, procFs.modes.get("kmsg"));
    }

    @Test
    void aReadConsumesTheMessagesWithTheirPriority() throws ErrnoException {
        machine.setSinceBoot(3_000_250_000L);
        printk.prInfo("eth0: link up");
        printk.prErr("ne: probe of 0x300 failed");

        FileOperations file = open(OpenFlags.O_RDONLY | OpenFlags.O_NONBLOCK);
        assertEquals("<6>[    3.000250] eth0: link up\n<3>[    3.000250] ne: probe of 0x300 failed\n", read(file, 4096));
        assertEquals(Errno.EAGAIN, assertThrows(ErrnoException.class, () -> read(file, 4096)).errno());
    }

    @Test
    void nonblockingReadWithNothingUnreadIsEagain() throws ErrnoException {
        FileOperations file = open(OpenFlags.O_RDONLY | OpenFlags.O_NONBLOCK);
        assertEquals(Errno.EAGAIN, assertThrows(ErrnoException.class, () -> read(file, 100)).errno());
    }

    @Test
    void aBlockingReadWaitsForTheNextMessage() throws Exception {
        FileOperations file = open(OpenFlags.O_RDONLY);
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return read(file, 4096);
            } catch (ErrnoException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThrows(TimeoutException.class, () -> reader.get(200, TimeUnit.MILLISECONDS));

        printk.prWarn("wake up");

        assertEquals("<4>[    0.000000] wake up\n", reader.get(10, TimeUnit.SECONDS));
    }

    @Test
    void anInterruptedReadIsEintr() throws Exception {
        FileOperations file = open(OpenFlags.O_RDONLY);
        CompletableFuture<Errno> result = new CompletableFuture<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                read(file, 4096);
                result.complete(null);
            } catch (ErrnoException e) {
                result.complete(e.errno());
            }
        });
        while (reader.getState() != Thread.State.WAITING) {
            Thread.sleep(1);
        }

        reader.interrupt();

        assertEquals(Errno.EINTR, result.get(10, TimeUnit.SECONDS));
    }

    @Test
    void readersShareOnePositionSoEachMessageGoesToOne() throws ErrnoException {
        FileOperations first = open(OpenFlags.O_RDONLY | OpenFlags.O_NONBLOCK);
        FileOperations second = open(OpenFlags.O_RDONLY | OpenFlags.O_NONBLOCK);
        printk.prInfo("one");
        printk.prInfo("two");

        assertEquals("<6>[    0.000000] one\n", read(first, 24));
        assertEquals("<6>[    0.000000] two\n", read(second, 100));
        assertEquals(Errno.EAGAIN, assertThrows(ErrnoException.class, () -> read(first, 100)).errno());
    }

    @Test
    void kmsgCannotBeWritten() throws ErrnoException {
        FileOperations file = open(OpenFlags.O_RDONLY);
        ErrnoException e = assertThrows(ErrnoException.class,
                () -> file.write(ByteBuffer.wrap("x".getBytes(StandardCharsets.US_ASCII)), 0));
        assertEquals(Errno.EINVAL, e.errno());
    }

    @Test
    void deactivationRemovesTheFile() {
        procKmsg.deactivate();
        assertFalse(procFs.ops.containsKey("kmsg"));
    }

    @Test
    void readingKmsgDoesNotClearWhatDmesgShows() throws ErrnoException {
        printk.prInfo("kept");
        read(open(OpenFlags.O_RDONLY | OpenFlags.O_NONBLOCK), 100);
        assertEquals("kept", new KernelSyslog(log).readAll().get(0).text());
    }
}
