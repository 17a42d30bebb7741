package org.modux.kernel.locking;

/** {@code struct semaphore}: a counting semaphore; {@code down} sleeps while the count is 0. */
public interface Semaphore {

    /** {@code down}: takes a unit, sleeping uninterruptibly until one is free. */
    void down();

    /** {@code down_interruptible}: as {@link #down}; 0 (kernel threads take no signals). */
    int downInterruptible();

    /** {@code down_trylock}, with the sense turned right: whether a unit was taken (Linux returns 0 then). */
    boolean downTrylock();

    /** {@code down_timeout}: 0 once a unit was taken, {@code -ETIME} if none came within {@code timeoutNs}. */
    int downTimeout(long timeoutNs);

    /** {@code up}: gives a unit back and wakes a waiter. */
    void up();
}
