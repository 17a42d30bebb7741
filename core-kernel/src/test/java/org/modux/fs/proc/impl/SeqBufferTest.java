package org.modux.fs.proc.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/** One open of a generated /proc file: printed once, then read in pieces; writes go to the handler. */
class SeqBufferTest {

    private int shows;
    private String state = "old";

    private SeqBuffer open() {
        return new SeqBuffer(m -> {
            shows++;
            m.printf("%s %d\n", state, shows);
        }, null);
    }

    private static String read(SeqBuffer f, long pos, int max) throws ErrnoException {
        ByteBuffer buf = ByteBuffer.allocate(max);
        int n = f.read(buf, pos);
        return new String(buf.array(), 0, n, StandardCharsets.UTF_8);
    }

    @Test
    void theFileIsPrintedAtTheFirstReadAndReadFromThatSnapshot() throws ErrnoException {
        SeqBuffer f = open();
        assertEquals(0, shows);

        assertEquals("ol", read(f, 0, 2));
        state = "new";
        assertEquals("d 1\n", read(f, 2, 10));
        assertEquals("", read(f, 6, 10));
        assertEquals("old", read(f, 0, 3));
        assertEquals(1, shows);

        assertEquals("new 2\n", read(open(), 0, 100));
    }

    @Test
    void putsPutcAndPrintfBuildTheText() throws ErrnoException {
        SeqBuffer f = new SeqBuffer(m -> m.puts("a\t").putc('b').printf("%5.2f|%-3s|%x\n", 1.5, "x", 255), null);
        assertEquals("a\tb 1.50|x  |ff\n", read(f, 0, 100));
    }

    @Test
    void aFormatJavaCannotTakeIsPrintedAsItIs() throws ErrnoException {
        SeqBuffer f = new SeqBuffer(m -> m.printf("100%\n").printf("%d\n", "not a number"), null);
        assertEquals("100%\n%d\n", read(f, 0, 100));
    }

    @Test
    void positionsCountBytesOfUtf8() throws ErrnoException {
        SeqBuffer f = new SeqBuffer(m -> m.puts("é1"), null);
        assertEquals("1", read(f, 2, 10));
    }

    @Test
    void aFailingShowFailsTheRead() {
        SeqBuffer f = new SeqBuffer(m -> {
            throw new ErrnoException(Errno.ENODEV);
        }, null);
        assertEquals(Errno.ENODEV, assertThrows(ErrnoException.class, () -> read(f, 0, 10)).errno());
    }

    @Test
    void eachWriteReachesTheHandlerAsOneString() throws ErrnoException {
        List<String> written = new ArrayList<>();
        SeqBuffer f = new SeqBuffer(null, written::add);

        assertEquals(2, f.write(ByteBuffer.wrap("4\n".getBytes(StandardCharsets.UTF_8)), 0));
        assertEquals(2, f.write(ByteBuffer.wrap("é".getBytes(StandardCharsets.UTF_8)), 3));

        assertEquals(List.of("4\n", "é"), written);
    }

    @Test
    void aMissingShowOrWriteIsEio() {
        SeqBuffer readOnly = open();
        SeqBuffer writeOnly = new SeqBuffer(null, text -> { });
        assertEquals(Errno.EIO, assertThrows(ErrnoException.class,
                () -> readOnly.write(ByteBuffer.wrap(new byte[1]), 0)).errno());
        assertEquals(Errno.EIO, assertThrows(ErrnoException.class, () -> read(writeOnly, 0, 1)).errno());
    }

    @Test
    void aHandlersErrnoFailsTheWrite() {
        SeqBuffer f = new SeqBuffer(null, text -> {
            throw new ErrnoException(Errno.EINVAL);
        });
        ByteBuffer src = ByteBuffer.wrap("x".getBytes(StandardCharsets.UTF_8));
        assertEquals(Errno.EINVAL, assertThrows(ErrnoException.class, () -> f.write(src, 0)).errno());
    }
}
