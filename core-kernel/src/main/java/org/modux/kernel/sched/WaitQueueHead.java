package org.modux.kernel.sched;

import java.util.function.BooleanSupplier;

/**
 * A wait queue (Linux: include/linux/wait.h): tasks sleep on it until a condition
 * holds; whoever makes the condition true wakes them.
 */
public interface WaitQueueHead {

    /** {@code wait_event}: sleeps uninterruptibly until {@code condition} is true. */
    void waitEvent(BooleanSupplier condition);

    /**
     * {@code wait_event_timeout}: as {@link #waitEvent} for at most {@code timeoutNs};
     * returns whether the condition became true.
     */
    boolean waitEventTimeout(BooleanSupplier condition, long timeoutNs);

    /** {@code wake_up}: wakes the waiters (non-exclusive waiters all, as Linux). */
    void wakeUp();

    /** {@code wake_up_all}. */
    void wakeUpAll();

    /** {@code waitqueue_active}: whether anyone waits. */
    boolean active();
}
