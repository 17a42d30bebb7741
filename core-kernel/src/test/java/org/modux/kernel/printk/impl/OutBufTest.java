package org.modux.kernel.printk.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.modux.kernel.printk.LogLevel;
import org.modux.kernel.printk.LogRecord;

class OutBufTest {

    private static String print(String text, long tsNanos, int priority) {
        OutBuf out = new OutBuf();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.printRecord(bytes, 0, bytes.length, tsNanos, priority);
        return new String(out.array(), 0, out.length(), StandardCharsets.UTF_8);
    }

    @Test
    void theConsolePrefixIsLinuxsTimestamp() {
        assertEquals("[    0.000000] hello\n", print("hello", 0, -1));
        assertEquals("[    1.234567] hello\n", print("hello", 1_234_567_890L, -1));
        assertEquals("[12345.000001] x\n", print("x", 12_345_000_001_000L, -1));
        assertEquals("[123456.500000] x\n", print("x", 123_456_500_000_000L, -1));
    }

    @Test
    void theTimestampMatchesLogRecordTimestamp() {
        for (long ts : new long[] {0, 999, 1_000, 1_234_567_890L, 99_999_999_999_999L, 100_000_000_000_000L}) {
            String expected = new LogRecord(0, ts, 0, LogLevel.INFO, "").timestamp() + " \n";
            assertEquals(expected, print("", ts, -1));
        }
    }

    @Test
    void syslogReadersGetThePriorityFirst() {
        assertEquals("<6>[    2.000000] eth0: link up\n", print("eth0: link up", 2_000_000_000L, 6));
        assertEquals("<12>[    0.000001] from user\n", print("from user", 1_000, 12));
    }

    @Test
    void everyLineOfAMultiLineRecordGetsThePrefix() {
        assertEquals("[    0.000000] a\n[    0.000000] b\n", print("a\nb", 0, -1));
        assertEquals("[    0.000000] a\n[    0.000000] \n", print("a\n", 0, -1));
    }

    @Test
    void linesThatDoNotFitAreDroppedWhole() {
        String line = "y".repeat(600);
        String printed = print(line + "\n" + line, 0, -1);
        assertEquals("[    0.000000] " + line + "\n", printed);
        assertTrue(printed.length() < OutBuf.CONSOLE_LOG_MAX);
    }
}
