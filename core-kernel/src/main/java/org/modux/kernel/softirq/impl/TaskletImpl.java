package org.modux.kernel.softirq.impl;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.modux.kernel.softirq.Tasklet;

/**
 * {@code struct tasklet_struct}: the state bits (SCHED while queued, RUN while its
 * function runs, which is the lock that keeps it off two CPUs), the disable count,
 * and the link of the per-CPU list it is queued on. Only the holder of SCHED puts a
 * tasklet on a list, so it is on at most one; {@link TaskletVec}'s lock guards
 * {@link #next}.
 */
final class TaskletImpl implements Tasklet {

    static final int TASKLET_STATE_SCHED = 1;
    static final int TASKLET_STATE_RUN = 2;

    final AtomicInteger state = new AtomicInteger();
    final AtomicInteger count = new AtomicInteger();
    final Consumer<Tasklet> callback;
    TaskletImpl next;

    TaskletImpl(Consumer<Tasklet> callback) {
        this.callback = callback;
    }

    /** {@code test_and_set_bit(TASKLET_STATE_SCHED)}: the previous value of the bit. */
    boolean testAndSetSched() {
        return (state.getAndUpdate(s -> s | TASKLET_STATE_SCHED) & TASKLET_STATE_SCHED) != 0;
    }

    /** {@code test_and_clear_bit(TASKLET_STATE_SCHED)}. */
    boolean testAndClearSched() {
        return (state.getAndUpdate(s -> s & ~TASKLET_STATE_SCHED) & TASKLET_STATE_SCHED) != 0;
    }

    /** {@code tasklet_trylock}: takes RUN; false if another CPU runs it. */
    boolean trylock() {
        return (state.getAndUpdate(s -> s | TASKLET_STATE_RUN) & TASKLET_STATE_RUN) == 0;
    }

    /** {@code tasklet_unlock}. */
    void unlock() {
        state.getAndUpdate(s -> s & ~TASKLET_STATE_RUN);
    }

    @Override
    public boolean isScheduled() {
        return (state.get() & TASKLET_STATE_SCHED) != 0;
    }

    @Override
    public boolean isRunning() {
        return (state.get() & TASKLET_STATE_RUN) != 0;
    }

    @Override
    public int disableCount() {
        return count.get();
    }
}
