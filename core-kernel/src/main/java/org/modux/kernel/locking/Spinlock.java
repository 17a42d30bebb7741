package org.modux.kernel.locking;

/**
 * {@code spinlock_t}: the holder keeps its CPU (preemption disabled) and must not
 * sleep; a waiter spins. With CONFIG_DEBUG_SPINLOCK's checks: taking a lock the
 * caller holds ("BUG: spinlock recursion"), releasing one that is free ("already
 * unlocked") or another's ("wrong owner").
 */
public interface Spinlock {

    /** {@code spin_lock}. */
    void lock();

    /** {@code spin_trylock}: whether it was taken. */
    boolean trylock();

    /** {@code spin_unlock}. */
    void unlock();

    /** {@code spin_lock_irqsave}: interrupts off first; the flags for {@link #unlockIrqrestore}. */
    long lockIrqsave();

    /** {@code spin_unlock_irqrestore}. */
    void unlockIrqrestore(long flags);

    /** {@code spin_lock_bh}: softirqs off first. */
    void lockBh();

    /** {@code spin_unlock_bh}. */
    void unlockBh();

    /** {@code spin_is_locked}. */
    boolean isLocked();
}
