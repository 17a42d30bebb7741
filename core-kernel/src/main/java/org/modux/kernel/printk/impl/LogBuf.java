package org.modux.kernel.printk.impl;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import org.modux.kernel.printk.LogLevel;
import org.modux.kernel.printk.LogRecord;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/**
 * The kernel log buffer and its readers' positions (Linux: kernel/printk/printk.c,
 * {@code vprintk_store}, {@code syslog_print}, {@code syslog_print_all},
 * {@code syslog_clear}): the ring of records, {@code syslog_seq} (with
 * {@code syslog_partial}), where /proc/kmsg readers, who consume what they read,
 * stand, {@code clear_seq}, where {@code dmesg -c} left off, and the {@code log_wait}
 * queue of readers waiting for a message.
 *
 * <p>Lock: {@code logbufLock} guards everything here (Linux splits it into the ring's
 * own atomics and {@code syslog_lock}). It is held only for copies, never across a
 * console write; the console lock ({@link Consoles}) is taken before it, never after.
 */
final class LogBuf {

    private final ReentrantLock logbufLock = new ReentrantLock();
    private final Condition logWait = logbufLock.newCondition();
    private final PrintkRingbuffer prb;
    private final LongSupplier localClock;
    private final OutBuf syslogText = new OutBuf();
    private long syslogSeq;
    private int syslogPartial;
    private long clearSeq;

    /** A buffer of {@code size} bytes whose records are stamped by {@code localClock} (ns since boot). */
    LogBuf(int size, LongSupplier localClock) {
        this.prb = new PrintkRingbuffer(size);
        this.localClock = localClock;
    }

    /** {@code log_buf_len}. */
    int size() {
        return prb.size();
    }

    /**
     * {@code vprintk_store}: stores one message and wakes /proc/kmsg readers; returns
     * its sequence number. The timestamp is taken under the lock, so timestamps never
     * go backwards from one record to the next.
     */
    long logStore(int facility, LogLevel level, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        logbufLock.lock();
        try {
            long seq = prb.push(localClock.getAsLong(), facility, level.number(), bytes);
            logWait.signalAll();
            return seq;
        } finally {
            logbufLock.unlock();
        }
    }

    /** The sequence number the next record will get. */
    long nextSeq() {
        logbufLock.lock();
        try {
            return prb.nextSeq();
        } finally {
            logbufLock.unlock();
        }
    }

    /** Where /proc/kmsg readers stand: a console registered now replays from here. */
    long syslogSeq() {
        logbufLock.lock();
        try {
            return Math.max(syslogSeq, prb.firstSeq());
        } finally {
            logbufLock.unlock();
        }
    }

    /**
     * {@code syslog_print_all}: every record since {@code clear_seq} that is still
     * stored; with {@code clear}, moves {@code clear_seq} past them in the same step.
     */
    List<LogRecord> readAll(boolean clear) {
        logbufLock.lock();
        try {
            List<LogRecord> records = new ArrayList<>();
            long next = prb.nextSeq();
            for (long seq = Math.max(clearSeq, prb.firstSeq()); seq < next; seq++) {
                records.add(prb.record(seq));
            }
            if (clear) {
                clearSeq = next;
            }
            return records;
        } finally {
            logbufLock.unlock();
        }
    }

    /** {@code syslog_clear}: later {@link #readAll} calls start after the newest record. */
    void clear() {
        logbufLock.lock();
        try {
            clearSeq = prb.nextSeq();
        } finally {
            logbufLock.unlock();
        }
    }

    /**
     * A read of /proc/kmsg ({@code do_syslog(SYSLOG_ACTION_READ)}): waits until a
     * record not yet consumed is there, then consumes as many whole records as fit in
     * {@code dst}, formatted {@code <N>[    1.234567] text\n}; a record bigger than
     * {@code dst} is handed out in pieces. Returns the bytes read. EAGAIN instead of
     * waiting if {@code nonblock}; EINTR, with the thread's interrupt status kept, if
     * the wait is interrupted.
     */
    int syslogRead(ByteBuffer dst, boolean nonblock) throws ErrnoException {
        logbufLock.lock();
        try {
            if (nonblock && !syslogPendingLocked()) {
                throw new ErrnoException(Errno.EAGAIN);
            }
            if (!dst.hasRemaining()) {
                return 0;
            }
            waitForSyslogLocked();
            return syslogPrintLocked(dst);
        } finally {
            logbufLock.unlock();
        }
    }

    /**
     * For the console printer: formats into {@code out} the first stored record at or
     * after {@code seq} if its level is below {@code consoleLoglevel} (else leaves
     * {@code out} empty); returns that record's sequence number, more than
     * {@code seq} if records were dropped, or -1 if there is none yet.
     */
    long consoleRecord(long seq, int consoleLoglevel, OutBuf out) {
        logbufLock.lock();
        try {
            long found = Math.max(seq, prb.firstSeq());
            if (found >= prb.nextSeq()) {
                return -1;
            }
            out.reset();
            if (prb.level(found) < consoleLoglevel) {
                prb.print(found, false, out);
            }
            return found;
        } finally {
            logbufLock.unlock();
        }
    }

    /** Whether a /proc/kmsg reader has something to read; moves it past dropped records. Caller holds logbufLock. */
    private boolean syslogPendingLocked() {
        if (syslogSeq < prb.firstSeq()) {
            syslogSeq = prb.firstSeq();
            syslogPartial = 0;
        }
        return syslogSeq < prb.nextSeq();
    }

    /** {@code wait_event_interruptible(log_wait, ...)}. Caller holds logbufLock. */
    private void waitForSyslogLocked() throws ErrnoException {
        while (!syslogPendingLocked()) {
            try {
                logWait.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ErrnoException(Errno.EINTR);
            }
        }
    }

    /** {@code syslog_print}: copies unread records into {@code dst}. Caller holds logbufLock. */
    private int syslogPrintLocked(ByteBuffer dst) {
        int copied = 0;
        while (dst.hasRemaining() && syslogPendingLocked()) {
            syslogText.reset();
            prb.print(syslogSeq, true, syslogText);
            int n = syslogText.length() - syslogPartial;
            if (n <= dst.remaining()) {
                dst.put(syslogText.array(), syslogPartial, n);
                syslogSeq++;
                syslogPartial = 0;
            } else if (copied == 0) {
                n = dst.remaining();
                dst.put(syslogText.array(), syslogPartial, n);
                syslogPartial += n;
            } else {
                break;
            }
            copied += n;
        }
        return copied;
    }
}
