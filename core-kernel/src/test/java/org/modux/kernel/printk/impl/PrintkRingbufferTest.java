package org.modux.kernel.printk.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.modux.kernel.printk.LogLevel;
import org.modux.kernel.printk.LogRecord;

class PrintkRingbufferTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void recordsKeepTheirSequenceTimestampFacilityAndLevel() {
        PrintkRingbuffer prb = new PrintkRingbuffer(4096);
        assertEquals(0, prb.push(10, 0, 6, bytes("first")));
        assertEquals(1, prb.push(20, 1, 3, bytes("second")));

        assertEquals(new LogRecord(0, 10, 0, LogLevel.INFO, "first"), prb.record(0));
        assertEquals(new LogRecord(1, 20, 1, LogLevel.ERR, "second"), prb.record(1));
        assertEquals(0, prb.firstSeq());
        assertEquals(2, prb.nextSeq());
    }

    @Test
    void wrappingDropsTheOldestRecordsAndKeepsTheNewest() {
        PrintkRingbuffer prb = new PrintkRingbuffer(4096);
        String hundred = "x".repeat(96);
        for (int i = 0; i < 100; i++) {
            prb.push(i, 0, 6, bytes(String.format("%04d", i) + hundred));
        }

        assertEquals(100, prb.nextSeq());
        assertEquals(60, prb.firstSeq(), "4096 bytes hold the newest 40 records of 100 bytes");
        assertEquals("0060" + hundred, prb.record(60).text());
        assertEquals("0099" + hundred, prb.record(99).text());
    }

    @Test
    void aRecordThatWouldCrossTheEndStartsAgainAtTheBeginning() {
        PrintkRingbuffer prb = new PrintkRingbuffer(4096);
        prb.push(0, 0, 6, bytes("a".repeat(900)));
        prb.push(0, 0, 6, bytes("b".repeat(900)));
        prb.push(0, 0, 6, bytes("c".repeat(900)));
        prb.push(0, 0, 6, bytes("d".repeat(900)));
        prb.push(0, 0, 6, bytes("e".repeat(900)));

        assertEquals(1, prb.firstSeq(), "e goes to offset 0, over a");
        assertEquals("b".repeat(900), prb.record(1).text());
        assertEquals("e".repeat(900), prb.record(4).text());
    }

    @Test
    void theDescriptorRingHoldsOneRecordPer32Bytes() {
        PrintkRingbuffer prb = new PrintkRingbuffer(4096);
        for (int i = 0; i < 200; i++) {
            prb.push(i, 0, 6, new byte[0]);
        }

        assertEquals(200 - 4096 / 32, prb.firstSeq());
        assertEquals(199, prb.record(199).tsNanos());
    }

    @Test
    void aLongTextIsCutWithoutSplittingACharacter() {
        PrintkRingbuffer prb = new PrintkRingbuffer(4096);
        prb.push(0, 0, 6, bytes("é".repeat(2000)));

        String text = prb.record(0).text();
        assertTrue(bytes(text).length <= PrintkRingbuffer.TEXT_MAX);
        assertEquals("é".repeat(text.length()), text);
        assertEquals(PrintkRingbuffer.TEXT_MAX / 2, text.length());
    }

    @Test
    void theSizeMustBeAPowerOfTwoOfAtLeast4K() {
        assertThrows(IllegalArgumentException.class, () -> new PrintkRingbuffer(6000));
        assertThrows(IllegalArgumentException.class, () -> new PrintkRingbuffer(2048));
        assertEquals(8192, new PrintkRingbuffer(8192).size());
    }
}
