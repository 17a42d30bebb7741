package org.modux.kernel.workqueue;

import java.util.function.Consumer;

/**
 * Workqueues (Linux: kernel/workqueue.c). A work item queued from a CPU runs on that
 * CPU's worker pool (CPU 0's when queued from a thread that is no CPU's), in a
 * {@code kworker/N:M} kernel thread, in the order queued; it may sleep. An item is
 * queued at most once at a time: queueing a pending one does nothing. An exception
 * that escapes it is an oops, and the worker goes on.
 */
public interface Workqueues {

    /** {@code system_wq}: the per-CPU workqueue "events" that {@link #scheduleWork} uses. */
    WorkqueueStruct systemWq();

    /** {@code INIT_WORK}: a work item that calls {@code fn} with itself. */
    WorkStruct initWork(Consumer<WorkStruct> fn);

    /** {@code queue_work}: false if it was pending already. */
    boolean queueWork(WorkqueueStruct wq, WorkStruct work);

    /** {@code queue_work_on}: on {@code cpu}'s pool. */
    boolean queueWorkOn(int cpu, WorkqueueStruct wq, WorkStruct work);

    /** {@code schedule_work}: {@code queue_work(system_wq, work)}. */
    boolean scheduleWork(WorkStruct work);

    /**
     * {@code flush_work}: waits until the last queueing of {@code work} has finished
     * running; false if it was idle. Sleeps.
     */
    boolean flushWork(WorkStruct work);

    /**
     * {@code cancel_work_sync}: takes {@code work} off its queue if pending and waits
     * for a running instance to finish; queueing it meanwhile fails. Whether it was
     * pending. Sleeps.
     */
    boolean cancelWorkSync(WorkStruct work);
}
