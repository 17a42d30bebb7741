package org.modux.kernel.printk.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.modux.kernel.printk.LogLevel;
import org.modux.kernel.printk.LogRecord;
import org.modux.uapi.ErrnoException;

class LogBufTest {

    private final AtomicLong clock = new AtomicLong();
    private final LogBuf logBuf = new LogBuf(4096, clock::get);

    private static List<String> texts(List<LogRecord> records) {
        return records.stream().map(LogRecord::text).toList();
    }

    private String syslogRead(int size) throws ErrnoException {
        ByteBuffer dst = ByteBuffer.allocate(size);
        logBuf.syslogRead(dst, true);
        return new String(dst.array(), 0, dst.position(), StandardCharsets.UTF_8);
    }

    @Test
    void recordsAreStampedWithTheClock() {
        clock.set(1_500_000_000L);
        logBuf.logStore(0, LogLevel.NOTICE, "hello");

        assertEquals(List.of(new LogRecord(0, 1_500_000_000L, 0, LogLevel.NOTICE, "hello")), logBuf.readAll(false));
    }

    @Test
    void readAllStartsAtTheLastClear() {
        logBuf.logStore(0, LogLevel.INFO, "one");
        logBuf.logStore(0, LogLevel.INFO, "two");
        logBuf.clear();
        logBuf.logStore(0, LogLevel.INFO, "three");

        assertEquals(List.of("three"), texts(logBuf.readAll(false)));
        assertEquals(List.of("three"), texts(logBuf.readAll(false)), "reading all consumes nothing");
        assertEquals(2, logBuf.readAll(false).get(0).seq());
    }

    @Test
    void readClearReturnsTheRecordsThenClearsThem() {
        logBuf.logStore(0, LogLevel.INFO, "one");
        logBuf.logStore(0, LogLevel.INFO, "two");

        assertEquals(List.of("one", "two"), texts(logBuf.readAll(true)));
        assertEquals(List.of(), logBuf.readAll(false));
        logBuf.logStore(0, LogLevel.INFO, "three");
        assertEquals(List.of("three"), texts(logBuf.readAll(true)));
    }

    @Test
    void readAllAfterAWrapStartsAtTheOldestRecordLeft() {
        for (int i = 0; i < 100; i++) {
            logBuf.logStore(0, LogLevel.INFO, String.format("%04d", i) + "x".repeat(96));
        }

        List<LogRecord> records = logBuf.readAll(false);
        assertEquals(60, records.get(0).seq());
        assertEquals(99, records.get(records.size() - 1).seq());
    }

    @Test
    void aSmallReadGetsARecordInPiecesAndTheNextReadTheRest() throws ErrnoException {
        logBuf.logStore(0, LogLevel.WARNING, "abcdef");
        logBuf.logStore(0, LogLevel.WARNING, "next");

        assertEquals("<4>[    0.000000] ab", syslogRead(20));
        assertEquals("cdef\n<4>[    0.000000] next\n", syslogRead(100));
    }

    @Test
    void aReadStopsBeforeARecordThatDoesNotFitWhole() throws ErrnoException {
        logBuf.logStore(0, LogLevel.INFO, "short");
        logBuf.logStore(0, LogLevel.INFO, "a longer record");

        assertEquals("<6>[    0.000000] short\n", syslogRead(30));
        assertEquals("<6>[    0.000000] a longer record\n", syslogRead(100));
    }

    @Test
    void aSyslogReaderThatFellBehindSkipsWhatWasDropped() throws ErrnoException {
        for (int i = 0; i < 100; i++) {
            logBuf.logStore(0, LogLevel.INFO, String.format("%04d", i) + "x".repeat(96));
        }

        assertEquals("<6>[    0.000000] 0060", syslogRead(22));
    }
}
