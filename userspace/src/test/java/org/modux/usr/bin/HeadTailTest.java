package org.modux.usr.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** head and tail choose the lines and bytes coreutils' do. */
class HeadTailTest {

    private static final byte[] TEXT = "a\nb\nc\nd\n".getBytes(StandardCharsets.US_ASCII);

    private static String head(String count, boolean bytes) {
        return new String(HeadTail.select(TEXT, HeadTail.parse("head", count, bytes, false), false),
                StandardCharsets.US_ASCII);
    }

    private static String tail(String count, boolean bytes) {
        return new String(HeadTail.select(TEXT, HeadTail.parse("tail", count, bytes, true), true),
                StandardCharsets.US_ASCII);
    }

    @Test
    void linesFromEitherEnd() {
        assertEquals("a\nb\n", head("2", false));
        assertEquals("a\nb\nc\nd\n", head("10", false));
        assertEquals("a\n", head("-3", false));
        assertEquals("", head("0", false));
        assertEquals("c\nd\n", tail("2", false));
        assertEquals("b\nc\nd\n", tail("+2", false));
        assertEquals("a\nb\nc\nd\n", tail("+0", false));
        assertEquals("", tail("+9", false));
    }

    @Test
    void aLastLineWithoutNewlineIsALine() {
        byte[] text = "x\ny".getBytes(StandardCharsets.US_ASCII);
        assertEquals("y", new String(HeadTail.select(text, HeadTail.parse("tail", "1", false, true), true),
                StandardCharsets.US_ASCII));
    }

    @Test
    void bytes() {
        assertEquals("a\nb", head("3", true));
        assertEquals("a\nb\nc\nd", head("-1", true));
        assertEquals("d\n", tail("2", true));
        assertEquals("b\nc\nd\n", tail("+3", true));
    }

    @Test
    void aBadCountIsCoreutilsMessage() {
        assertEquals("head: invalid number of lines: 'abc'",
                assertThrows(IllegalArgumentException.class, () -> HeadTail.parse("head", "abc", false, false))
                        .getMessage());
        assertEquals("tail: invalid number of bytes: '1x'",
                assertThrows(IllegalArgumentException.class, () -> HeadTail.parse("tail", "1x", true, true))
                        .getMessage());
    }
}
