package org.modux.hw.impl;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import org.modux.hw.Cpu;

/**
 * A CPU's local interrupt state: a 256-bit interrupt request register, and
 * {@code hlt}. A halted CPU's thread parks; {@link #raise} unparks it only when it
 * really sleeps (the halting thread publishes itself, then looks at the register
 * once more before parking, and the raiser sets the bit before it looks for a
 * halted thread), so raising costs no host call while the CPU runs. With
 * {@code idle=poll} the halted thread spins instead, answering in well under a
 * microsecond at the price of a host core.
 */
public final class LocalApic implements Cpu {

    private final int id;
    private final boolean poll;
    private final AtomicLongArray irr = new AtomicLongArray(NR_VECTORS / 64);
    private volatile Thread halted;

    public LocalApic(int id, boolean poll) {
        this.id = id;
        this.poll = poll;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public void raise(int vector) {
        if (vector < 0 || vector >= NR_VECTORS) {
            throw new IllegalArgumentException("vector " + vector);
        }
        int word = vector >>> 6;
        long bit = 1L << (vector & 63);
        if ((irr.get(word) & bit) == 0) {
            irr.getAndAccumulate(word, bit, (w, b) -> w | b);
        }
        Thread sleeper = halted;
        if (sleeper != null) {
            LockSupport.unpark(sleeper);
        }
    }

    @Override
    public boolean interruptPending() {
        for (int i = irr.length() - 1; i >= 0; i--) {
            if (irr.getPlain(i) != 0 || irr.get(i) != 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int acknowledge() {
        for (int i = irr.length() - 1; i >= 0; i--) {
            long word = irr.get(i);
            while (word != 0) {
                long bit = Long.highestOneBit(word);
                long before = irr.getAndAccumulate(i, ~bit, (w, m) -> w & m);
                if ((before & bit) != 0) {
                    return i * 64 + Long.numberOfTrailingZeros(bit);
                }
                word = irr.get(i);
            }
        }
        return -1;
    }

    @Override
    public void halt() {
        if (poll) {
            while (!interruptPending()) {
                Thread.onSpinWait();
            }
            return;
        }
        halted = Thread.currentThread();
        try {
            while (!interruptPending()) {
                LockSupport.park(this);
            }
        } finally {
            halted = null;
        }
    }

    @Override
    public String toString() {
        return "cpu" + id;
    }
}
