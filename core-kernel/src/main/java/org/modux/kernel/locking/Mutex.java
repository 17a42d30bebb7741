package org.modux.kernel.locking;

/**
 * {@code struct mutex}: a sleeping lock with an owner; only the owner unlocks it. A
 * waiter sleeps uninterruptibly (state D). Taking it in atomic context is "BUG:
 * sleeping function called from invalid context".
 */
public interface Mutex {

    /** {@code mutex_lock}. */
    void lock();

    /**
     * {@code mutex_lock_interruptible}: 0 once taken, or {@code -EINTR} if a signal
     * arrives while waiting (kernel threads take no signals, so always 0 here).
     */
    int lockInterruptible();

    /** {@code mutex_trylock}: whether it was taken. */
    boolean trylock();

    /** {@code mutex_unlock}. */
    void unlock();

    /** {@code mutex_is_locked}. */
    boolean isLocked();
}
