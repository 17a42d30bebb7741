package org.modux.kernel.locking.impl;

import java.util.concurrent.atomic.AtomicInteger;

import org.modux.kernel.locking.RwLock;

/** {@code rwlock_t}: a count of readers, or -1 for the writer; waiters spin with preemption off. */
final class RwLockImpl implements RwLock {

    private final LockingCore l;
    private final Lockdep.LockClass cls;
    private final AtomicInteger state = new AtomicInteger();

    RwLockImpl(LockingCore l, Lockdep.LockClass cls) {
        this.l = l;
        this.cls = cls;
    }

    @Override
    public void readLock() {
        l.core.preemptDisable();
        l.lockdep.acquire(cls, false, true);
        while (true) {
            int s = state.get();
            if (s >= 0 && state.compareAndSet(s, s + 1)) {
                return;
            }
            Thread.onSpinWait();
            l.core.irqWindow();
        }
    }

    @Override
    public void readUnlock() {
        l.lockdep.release(cls);
        state.decrementAndGet();
        l.core.preemptEnable();
    }

    @Override
    public void writeLock() {
        l.core.preemptDisable();
        l.lockdep.acquire(cls, false, false);
        while (!state.compareAndSet(0, -1)) {
            Thread.onSpinWait();
            l.core.irqWindow();
        }
    }

    @Override
    public void writeUnlock() {
        l.lockdep.release(cls);
        state.set(0);
        l.core.preemptEnable();
    }

    @Override
    public long readLockIrqsave() {
        long flags = l.core.localIrqSave();
        readLock();
        return flags;
    }

    @Override
    public void readUnlockIrqrestore(long flags) {
        l.lockdep.release(cls);
        state.decrementAndGet();
        l.core.localIrqRestore(flags);
        l.core.preemptEnable();
    }

    @Override
    public long writeLockIrqsave() {
        long flags = l.core.localIrqSave();
        writeLock();
        return flags;
    }

    @Override
    public void writeUnlockIrqrestore(long flags) {
        l.lockdep.release(cls);
        state.set(0);
        l.core.localIrqRestore(flags);
        l.core.preemptEnable();
    }
}
