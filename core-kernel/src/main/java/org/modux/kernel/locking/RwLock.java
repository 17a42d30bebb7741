package org.modux.kernel.locking;

/** {@code rwlock_t}: readers share it, a writer has it alone; both spin and keep their CPU. */
public interface RwLock {

    /** {@code read_lock}. */
    void readLock();

    /** {@code read_unlock}. */
    void readUnlock();

    /** {@code write_lock}. */
    void writeLock();

    /** {@code write_unlock}. */
    void writeUnlock();

    /** {@code read_lock_irqsave}. */
    long readLockIrqsave();

    /** {@code read_unlock_irqrestore}. */
    void readUnlockIrqrestore(long flags);

    /** {@code write_lock_irqsave}. */
    long writeLockIrqsave();

    /** {@code write_unlock_irqrestore}. */
    void writeUnlockIrqrestore(long flags);
}
