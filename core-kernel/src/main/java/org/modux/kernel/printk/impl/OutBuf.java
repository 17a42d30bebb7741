package org.modux.kernel.printk.impl;

/**
 * The buffer one record is formatted into for a console or a /proc/kmsg reader
 * (Linux: {@code struct printk_buffers}' outbuf, filled by {@code record_print_text()}
 * in kernel/printk/printk.c). Every line of the record gets the prefix
 * {@code [%5lu.%06lu] }, after {@code <N>} for syslog readers, and ends with a
 * newline. As in Linux the result is at most {@value #CONSOLE_LOG_MAX} - 1 bytes:
 * lines that do not fit are dropped whole.
 *
 * <p>Not thread-safe: each user owns one and guards it with its own lock. Formatting
 * allocates nothing.
 */
final class OutBuf {

    /** The maximum size of a formatted record, the prefix of each line included. */
    static final int CONSOLE_LOG_MAX = 1024;
    /** Room for the longest prefix. */
    static final int PREFIX_MAX = 32;

    private static final long NSEC_PER_SEC = 1_000_000_000L;

    private final byte[] buf = new byte[CONSOLE_LOG_MAX];
    private final byte[] prefix = new byte[PREFIX_MAX];
    private int len;

    /** The formatted bytes are {@code array()[0 .. length())}. */
    byte[] array() {
        return buf;
    }

    int length() {
        return len;
    }

    void reset() {
        len = 0;
    }

    /**
     * {@code record_print_text}: appends the record whose text is
     * {@code text[off .. off + textLen)}; {@code priority} is the syslog {@code <N>}
     * to put first, or -1 for none (the console format).
     */
    void printRecord(byte[] text, int off, int textLen, long tsNanos, int priority) {
        int prefixLen = infoPrintPrefix(tsNanos, priority);
        int end = off + textLen;
        int line = off;
        while (true) {
            int newline = indexOfNewline(text, line, end);
            int lineEnd = newline < 0 ? end : newline;
            if (len + prefixLen + (lineEnd - line) + 1 >= CONSOLE_LOG_MAX) {
                return;
            }
            append(prefix, 0, prefixLen);
            append(text, line, lineEnd - line);
            buf[len++] = '\n';
            if (newline < 0) {
                return;
            }
            line = newline + 1;
        }
    }

    /** {@code info_print_prefix}: writes the prefix into {@code prefix}; returns its length. */
    private int infoPrintPrefix(long tsNanos, int priority) {
        int n = 0;
        if (priority >= 0) {
            prefix[n++] = '<';
            n = putDecimal(prefix, n, priority, 1, '0');
            prefix[n++] = '>';
        }
        prefix[n++] = '[';
        n = putDecimal(prefix, n, tsNanos / NSEC_PER_SEC, 5, ' ');
        prefix[n++] = '.';
        n = putDecimal(prefix, n, tsNanos % NSEC_PER_SEC / 1000, 6, '0');
        prefix[n++] = ']';
        prefix[n++] = ' ';
        return n;
    }

    /** Writes {@code value} (not negative) at {@code to[at]}, padded to {@code width}; returns the end. */
    private static int putDecimal(byte[] to, int at, long value, int width, char pad) {
        int digits = 1;
        for (long v = value / 10; v > 0; v /= 10) {
            digits++;
        }
        int end = at + Math.max(width, digits);
        long v = value;
        for (int i = end - 1; i >= at; i--) {
            to[i] = (byte) (i >= end - digits ? '0' + v % 10 : pad);
            v /= 10;
        }
        return end;
    }

    private static int indexOfNewline(byte[] text, int from, int end) {
        for (int i = from; i < end; i++) {
            if (text[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(byte[] src, int off, int n) {
        System.arraycopy(src, off, buf, len, n);
        len += n;
    }
}
