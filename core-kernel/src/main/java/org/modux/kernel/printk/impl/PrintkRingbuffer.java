package org.modux.kernel.printk.impl;

import java.nio.charset.StandardCharsets;

import org.modux.kernel.printk.LogLevel;
import org.modux.kernel.printk.LogRecord;

/**
 * The kernel log's storage (Linux: kernel/printk/printk_ringbuffer.c): a text data
 * ring of {@code log_buf_len} bytes and a descriptor ring of {@code log_buf_len / 32}
 * entries (one per record, indexed by sequence number, {@code PRB_AVGBITS}). Storing
 * a record that does not fit drops the oldest records until it does; a record's text
 * never wraps around the end of the data ring (the tail is skipped instead), so it can
 * be read in one piece. Sequence numbers count from 0 and are never reused.
 *
 * <p>Not thread-safe: every method expects the caller to hold {@code logbuf_lock}
 * ({@link LogBuf}). Linux's lock-free reserve/commit protocol is not reproduced.
 */
final class PrintkRingbuffer {

    /** log2 of the expected average record size: one descriptor per 32 bytes of text. */
    static final int PRB_AVGBITS = 5;
    /** The longest text a record keeps, in bytes (Linux: {@code LOG_LINE_MAX} less the NUL). */
    static final int TEXT_MAX = OutBuf.CONSOLE_LOG_MAX - OutBuf.PREFIX_MAX - 1;

    private final byte[] data;
    private final int dataMask;
    private final int descMask;
    private final long[] descBegin;
    private final int[] descTextLen;
    private final long[] descTsNanos;
    private final byte[] descFacility;
    private final byte[] descLevel;

    /** Logical position (bytes stored since boot) where the next record's text may start. */
    private long headLpos;
    private long firstSeq;
    private long nextSeq;

    /** A ring of {@code size} bytes: a power of two, at least {@value EarlyParams#LOG_BUF_LEN_MIN}. */
    PrintkRingbuffer(int size) {
        if (Integer.bitCount(size) != 1 || size < EarlyParams.LOG_BUF_LEN_MIN) {
            throw new IllegalArgumentException("log buffer size " + size);
        }
        int descs = size >> PRB_AVGBITS;
        data = new byte[size];
        dataMask = size - 1;
        descMask = descs - 1;
        descBegin = new long[descs];
        descTextLen = new int[descs];
        descTsNanos = new long[descs];
        descFacility = new byte[descs];
        descLevel = new byte[descs];
    }

    /** The data ring's size in bytes ({@code log_buf_len}). */
    int size() {
        return data.length;
    }

    /** {@code prb_first_valid_seq}: the oldest record still stored. */
    long firstSeq() {
        return firstSeq;
    }

    /** {@code prb_next_seq}: the sequence number the next record will get. */
    long nextSeq() {
        return nextSeq;
    }

    /**
     * Stores a record, dropping the oldest ones as needed; text beyond
     * {@link #TEXT_MAX} bytes is cut at a character boundary. Returns its sequence number.
     */
    long push(long tsNanos, int facility, int level, byte[] text) {
        int n = truncatedLength(text);
        long begin = headLpos;
        if ((begin & dataMask) + n > data.length) {
            begin = (begin | dataMask) + 1;
        }
        long end = begin + n;
        while (firstSeq < nextSeq && (end - descBegin[desc(firstSeq)] > data.length || nextSeq - firstSeq > descMask)) {
            firstSeq++;
        }
        int d = desc(nextSeq);
        descBegin[d] = begin;
        descTextLen[d] = n;
        descTsNanos[d] = tsNanos;
        descFacility[d] = (byte) facility;
        descLevel[d] = (byte) level;
        System.arraycopy(text, 0, data, (int) (begin & dataMask), n);
        headLpos = end;
        return nextSeq++;
    }

    /** The level number of stored record {@code seq}. */
    int level(long seq) {
        return descLevel[desc(seq)];
    }

    /** Appends stored record {@code seq} to {@code out} as /proc/kmsg ({@code syslog}) or a console prints it. */
    void print(long seq, boolean syslog, OutBuf out) {
        int d = desc(seq);
        int priority = syslog ? priority(d) : -1;
        out.printRecord(data, (int) (descBegin[d] & dataMask), descTextLen[d], descTsNanos[d], priority);
    }

    /** Stored record {@code seq} as a value. */
    LogRecord record(long seq) {
        int d = desc(seq);
        String text = new String(data, (int) (descBegin[d] & dataMask), descTextLen[d], StandardCharsets.UTF_8);
        return new LogRecord(seq, descTsNanos[d], descFacility[d] & 0xff, LogLevel.of(descLevel[d]), text);
    }

    private int priority(int d) {
        return (descFacility[d] & 0xff) << 3 | descLevel[d];
    }

    private int desc(long seq) {
        return (int) seq & descMask;
    }

    /** The bytes of {@code text} to keep: all, or up to {@link #TEXT_MAX} without splitting a UTF-8 sequence. */
    private static int truncatedLength(byte[] text) {
        if (text.length <= TEXT_MAX) {
            return text.length;
        }
        int n = TEXT_MAX;
        while (n > 0 && (text[n] & 0xc0) == 0x80) {
            n--;
        }
        return n;
    }
}
