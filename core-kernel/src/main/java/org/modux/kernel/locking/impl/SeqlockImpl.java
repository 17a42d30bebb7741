package org.modux.kernel.locking.impl;

import java.lang.invoke.VarHandle;

import org.modux.kernel.locking.Seqlock;

/** {@code seqlock_t}: a sequence count, odd while a writer holds the spinlock. */
final class SeqlockImpl implements Seqlock {

    private final SpinlockImpl lock;
    private volatile int sequence;

    SeqlockImpl(SpinlockImpl lock) {
        this.lock = lock;
    }

    @Override
    public int readSeqbegin() {
        while (true) {
            int s = sequence;
            if ((s & 1) == 0) {
                VarHandle.loadLoadFence();
                return s;
            }
            Thread.onSpinWait();
        }
    }

    @Override
    public boolean readSeqretry(int start) {
        VarHandle.loadLoadFence();
        return sequence != start;
    }

    @Override
    public void writeSeqlock() {
        lock.lock();
        sequence = sequence + 1;
        VarHandle.storeStoreFence();
    }

    @Override
    public void writeSequnlock() {
        VarHandle.storeStoreFence();
        sequence = sequence + 1;
        lock.unlock();
    }
}
