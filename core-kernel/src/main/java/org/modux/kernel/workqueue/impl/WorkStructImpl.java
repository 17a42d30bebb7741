package org.modux.kernel.workqueue.impl;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.modux.kernel.workqueue.WorkStruct;

/**
 * {@code struct work_struct}: WORK_STRUCT_PENDING (whoever sets it owns the right to
 * queue the item, or, in cancel_work_sync, to keep it off every queue), the pool it
 * was last queued on, its link in that pool's worklist, and queue/done sequence
 * numbers that let flush_work wait for one queueing rather than for idleness. All
 * but {@link #pending} are guarded by the pool's lock.
 */
final class WorkStructImpl implements WorkStruct {

    final Consumer<WorkStruct> fn;
    final AtomicBoolean pending = new AtomicBoolean();
    volatile WorkerPool pool;
    WorkStructImpl next;
    /** Bumped by each queueing; the value the running instance started with; the value of the last finished one. */
    volatile long queuedSeq;
    long startedSeq;
    volatile long doneSeq;

    WorkStructImpl(Consumer<WorkStruct> fn) {
        this.fn = fn;
    }

    @Override
    public boolean pending() {
        return pending.get();
    }

    @Override
    public String toString() {
        return "work_struct(" + fn + ")";
    }
}
