package org.modux.kernel.printk.impl;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

import org.modux.kernel.printk.Console;
import org.modux.kernel.printk.Printk;

/**
 * The registered console drivers and the console lock (Linux: kernel/printk/printk.c,
 * {@code console_sem}, {@code console_drivers}, {@code console_unlock},
 * {@code register_console}). printk stores its message, then tries the console lock:
 * whoever holds it prints every record up to the newest before letting go, so a
 * printk never waits for another thread's console output, and records reach every
 * console once, in order. A record is printed if its level is below
 * {@code console_loglevel} at the moment it is printed.
 *
 * <p>Lock: {@code consoleSem} guards {@code drivers}, {@code consoleSeq},
 * {@code dropped} and {@code text}, and serialises console writes. Lock order:
 * {@code consoleSem}, then {@code logbuf_lock} (taken inside {@link LogBuf}).
 * {@code consoleSeq} is volatile so that the check after unlocking needs no lock.
 */
final class Consoles {

    private final LogBuf logBuf;
    private final ConsolePrintk consolePrintk;
    private final Printk printk;
    private final ReentrantLock consoleSem = new ReentrantLock();
    private final OutBuf text = new OutBuf();
    private Console[] drivers = new Console[0];
    private volatile long consoleSeq;
    private long dropped;

    /** Consoles printing from {@code logBuf}; {@code printk} reports a console that failed. */
    Consoles(LogBuf logBuf, ConsolePrintk consolePrintk, Printk printk) {
        this.logBuf = logBuf;
        this.consolePrintk = consolePrintk;
        this.printk = printk;
    }

    /**
     * {@code console_trylock(); console_unlock()}: prints what is pending, unless
     * another thread is printing (it will print ours too) or this thread is, from
     * inside a console's write (the outer loop prints it).
     */
    void flush() {
        while (!consoleSem.isHeldByCurrentThread() && consoleSem.tryLock()) {
            try {
                emitLocked();
            } finally {
                consoleSem.unlock();
            }
            // A printk that failed its trylock just before the unlock left its record to us.
            if (logBuf.nextSeq() <= consoleSeq) {
                return;
            }
        }
    }

    /**
     * {@code register_console} with {@code CON_PRINTBUFFER}: replays to {@code con}
     * alone the records from where /proc/kmsg readers stand, then adds it. Returns
     * false if {@code con} failed during the replay and was not added.
     */
    boolean register(Console con) {
        boolean added;
        consoleSem.lock();
        try {
            emitLocked();
            added = replayLocked(con, logBuf.syslogSeq(), consoleSeq);
            if (added) {
                drivers = append(drivers, con);
            }
        } finally {
            consoleSem.unlock();
        }
        flush();
        return added;
    }

    /** Whether {@code con} is registered: a console that failed no longer is. */
    boolean registered(Console con) {
        consoleSem.lock();
        try {
            return Arrays.asList(drivers).contains(con);
        } finally {
            consoleSem.unlock();
        }
    }

    /** {@code unregister_console}: no write reaches {@code con} after this returns. */
    void unregister(Console con) {
        consoleSem.lock();
        try {
            drivers = remove(drivers, con);
        } finally {
            consoleSem.unlock();
        }
        flush();
    }

    /** Prints every record from {@code consoleSeq} on to all consoles. Caller holds consoleSem. */
    private void emitLocked() {
        while (true) {
            int loglevel = drivers.length == 0 ? 0 : consolePrintk.consoleLoglevel();
            long seq = logBuf.consoleRecord(consoleSeq, loglevel, text);
            if (seq < 0) {
                return;
            }
            if (drivers.length > 0) {
                dropped += seq - consoleSeq;
            }
            consoleSeq = seq + 1;
            if (text.length() > 0) {
                callConsoleDrivers();
            }
        }
    }

    /** Writes {@code text} to every console, after a note of dropped records. Caller holds consoleSem. */
    private void callConsoleDrivers() {
        byte[] droppedText = null;
        if (dropped > 0) {
            droppedText = ("** " + dropped + " printk messages dropped **\n").getBytes(StandardCharsets.US_ASCII);
            dropped = 0;
        }
        for (Console con : drivers) {
            if (droppedText == null || write(con, droppedText, droppedText.length)) {
                write(con, text.array(), text.length());
            }
        }
    }

    /**
     * Prints the records in {@code [from, to)} to {@code con} only; false if it failed.
     * Caller holds consoleSem.
     */
    private boolean replayLocked(Console con, long from, long to) {
        long seq = from;
        while (true) {
            long found = logBuf.consoleRecord(seq, consolePrintk.consoleLoglevel(), text);
            if (found < 0 || found >= to) {
                return true;
            }
            if (text.length() > 0 && !write(con, text.array(), text.length())) {
                return false;
            }
            seq = found + 1;
        }
    }

    /**
     * One console write; false if the console threw. Such a console is unregistered
     * and reported; the report is printed by the loop this write is part of, or by the
     * flush after the console lock is released. Caller holds consoleSem.
     */
    private boolean write(Console con, byte[] bytes, int len) {
        try {
            con.write(bytes, 0, len);
            return true;
        } catch (RuntimeException e) {
            drivers = remove(drivers, con);
            printk.prErr("printk: console [%s] disabled: write failed: %s", con.name(), e);
            return false;
        }
    }

    private static Console[] append(Console[] cons, Console con) {
        Console[] grown = Arrays.copyOf(cons, cons.length + 1);
        grown[cons.length] = con;
        return grown;
    }

    private static Console[] remove(Console[] cons, Console con) {
        return Arrays.stream(cons).filter(c -> c != con).toArray(Console[]::new);
    }
}
