package org.modux.kernel.locking;

/**
 * Read-copy update, as a kernel without CONFIG_PREEMPT has it (Tree RCU,
 * non-preemptible): a read-side critical section keeps its CPU; a grace period ends
 * once every CPU has passed a quiescent state (a context switch, a
 * {@code cond_resched} with preemption enabled, or idle) after it began.
 */
public interface Rcu {

    /** {@code rcu_read_lock}: preemption off; must not sleep until {@link #readUnlock}. */
    void readLock();

    /** {@code rcu_read_unlock}. */
    void readUnlock();

    /** {@code synchronize_rcu}: sleeps until a full grace period has passed. */
    void synchronize();

    /** {@code call_rcu}: {@code callback} runs in RCU_SOFTIRQ after a grace period. */
    void call(Runnable callback);

    /** {@code rcu_barrier}: waits until every callback queued before it has run. */
    void barrier();
}
