package org.modux.kernel.printk.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.modux.kernel.printk.LogLevel;
import org.modux.kernel.printk.LogRecord;
import org.modux.kernel.printk.Printk;
import org.modux.uapi.ErrnoException;

class KernelLogTest {

    private final FakeMachine machine = new FakeMachine("");
    private final MemoryConsole console = new MemoryConsole("mem0");

    @Test
    void messagesBelowTheConsoleLoglevelReachTheConsoleWithTheirTimestamp() {
        KernelLog log = KernelLogs.boot(machine);
        log.registerConsole(console);
        Printk printk = new PrintkLogger(log, "kernel");
        machine.setSinceBoot(1_234_567_000L);

        printk.prInfo("info shown");
        printk.prDebug("debug kept back");
        printk.prErr("err shown");

        assertEquals("[    0.000000] printk: console [mem0] enabled\n"
                + "[    1.234567] info shown\n"
                + "[    1.234567] err shown\n", console.text());
    }

    @Test
    void everyMessageIsInTheLogWhateverTheConsoleLevel() {
        KernelLog log = KernelLogs.boot(new FakeMachine("quiet"));
        new PrintkLogger(log, "kernel").prDebug("debug");

        assertEquals(List.of(new LogRecord(0, 0, 0, LogLevel.DEBUG, "debug")), log.logBuf().readAll(false));
    }

    @Test
    void quietLetsOnlyErrorsAndWorseThrough() {
        KernelLog log = KernelLogs.boot(new FakeMachine("quiet"));
        log.registerConsole(console);
        Printk printk = new PrintkLogger(log, "kernel");

        printk.prWarn("warning");
        printk.prErr("error");

        assertEquals("[    0.000000] error\n", console.text());
    }

    @Test
    void debugLetsEverythingThrough() {
        KernelLog log = KernelLogs.boot(new FakeMachine("debug"));
        log.registerConsole(console);

        new PrintkLogger(log, "kernel").prDebug("debug");

        assertTrue(console.text().endsWith("[    0.000000] debug\n"));
    }

    @Test
    void aChangedConsoleLevelAppliesToTheNextMessage() {
        KernelLog log = KernelLogs.boot(machine);
        log.registerConsole(console);
        Printk printk = new PrintkLogger(log, "kernel");

        log.consolePrintk().setConsoleLoglevel(8);
        printk.prDebug("now shown");
        log.consolePrintk().setConsoleLoglevel(1);
        printk.prCrit("now hidden");

        assertTrue(console.text().endsWith("] now shown\n"));
    }

    @Test
    void aNewConsoleGetsTheMessagesLoggedBeforeIt() {
        KernelLog log = KernelLogs.boot(machine);
        Printk printk = new PrintkLogger(log, "kernel");
        printk.prInfo("early");
        printk.prDebug("early debug");

        log.registerConsole(console);

        assertEquals("[    0.000000] early\n[    0.000000] printk: console [mem0] enabled\n", console.text());
    }

    @Test
    void theReplayStartsWhereProcKmsgReadersStand() throws ErrnoException {
        KernelLog log = KernelLogs.boot(machine);
        Printk printk = new PrintkLogger(log, "kernel");
        printk.prInfo("read by klogd");
        log.logBuf().syslogRead(ByteBuffer.allocate(100), true);
        printk.prInfo("not read yet");

        log.registerConsole(console);

        assertTrue(console.text().startsWith("[    0.000000] not read yet\n"));
    }

    @Test
    void anUnregisteredConsoleGetsItsFarewellAndNothingMore() {
        KernelLog log = KernelLogs.boot(machine);
        log.registerConsole(console);
        MemoryConsole other = new MemoryConsole("mem1");
        log.registerConsole(other);

        log.unregisterConsole(console);
        new PrintkLogger(log, "kernel").prInfo("after");

        assertTrue(console.text().endsWith("] printk: console [mem0] disabled\n"));
        assertTrue(other.text().endsWith("] printk: console [mem0] disabled\n[    0.000000] after\n"));
    }

    @Test
    void aConsoleThatThrowsIsUnregisteredAndReportedOnTheOthers() {
        KernelLog log = KernelLogs.boot(machine);
        log.registerConsole(console);
        MemoryConsole broken = new MemoryConsole("bad0") {
            @Override
            public synchronized void write(byte[] text, int off, int len) {
                if (new String(text, off, len).contains("trigger")) {
                    throw new IllegalStateException("broken");
                }
                super.write(text, off, len);
            }
        };
        log.registerConsole(broken);
        Printk printk = new PrintkLogger(log, "kernel");

        printk.prInfo("trigger");
        printk.prInfo("later");

        assertTrue(console.text().endsWith("[    0.000000] trigger\n"
                + "[    0.000000] printk: console [bad0] disabled: write failed: java.lang.IllegalStateException: broken\n"
                + "[    0.000000] later\n"), console.text());
        assertTrue(broken.text().endsWith("] printk: console [bad0] enabled\n"));
        log.unregisterConsole(broken);
        assertTrue(console.text().endsWith("] later\n"), "no second farewell for a console already gone");
    }

    @Test
    void recordsOverwrittenBeforeTheConsoleGotThemAreCountedAsDropped() {
        KernelLog log = KernelLogs.boot(new FakeMachine("log_buf_len=4K"));
        Printk printk = new PrintkLogger(log, "kernel");
        MemoryConsole chatty = new MemoryConsole("chatty0") {
            private boolean chatted;

            @Override
            public synchronized void write(byte[] text, int off, int len) {
                super.write(text, off, len);
                if (!chatted) {
                    chatted = true;
                    for (int i = 0; i < 100; i++) {
                        printk.prInfo("%04d%s", i, "x".repeat(96));
                    }
                }
            }
        };

        log.registerConsole(chatty);

        // The chatter starts during the replay of the log_buf_len message (seq 0), so
        // this console stands at seq 1 when it is added; 4K hold the newest 40 of the
        // 100 records of 100 bytes, seq 61 to 100.
        assertTrue(chatty.text().startsWith("[    0.000000] printk: log_buf_len: 4096 bytes\n"
                + "** 60 printk messages dropped **\n"
                + "[    0.000000] 0060" + "x".repeat(96) + "\n"), chatty.text());
        assertTrue(chatty.text().endsWith("0099" + "x".repeat(96) + "\n[    0.000000] printk: console [chatty0] enabled\n"));
    }

    @Test
    void printkFromManyThreadsReachesTheConsoleOnceEachAndInOrder() throws InterruptedException {
        KernelLog log = KernelLogs.boot(machine);
        log.registerConsole(console);
        Printk printk = new PrintkLogger(log, "kernel");
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 300; i++) {
                    printk.prInfo("t%d %d", id, i);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }

        List<String> lines = console.text().lines().skip(1).map(l -> l.substring(15)).toList();
        assertEquals(1200, lines.size());
        List<String> inLog = log.logBuf().readAll(false).stream().skip(1).map(LogRecord::text).toList();
        assertEquals(inLog, lines);
    }

    @Test
    void timestampsAreKernelTime() {
        KernelLog log = KernelLogs.boot(machine);
        machine.setSinceBoot(42_000);
        new PrintkLogger(log, "kernel").prInfo("x");

        assertEquals(42_000, log.logBuf().readAll(false).get(0).tsNanos());
    }

    @Test
    void logBufLenSizesTheBufferAndIsReported() {
        KernelLog log = KernelLogs.boot(new FakeMachine("log_buf_len=64K"));

        assertEquals(65536, log.logBuf().size());
        assertEquals("printk: log_buf_len: 65536 bytes", log.logBuf().readAll(false).get(0).text());
    }

    @Test
    void aMalformedParameterIsReported() {
        KernelLog log = KernelLogs.boot(new FakeMachine("loglevel=high"));

        LogRecord record = log.logBuf().readAll(false).get(0);
        assertEquals(LogLevel.WARNING, record.level());
        assertEquals("Malformed early option 'loglevel'", record.text());
        assertEquals(7, log.consolePrintk().consoleLoglevel());
    }
}
