package org.modux.kernel.sched.impl;

/**
 * {@code struct sched_class}: one scheduling policy's part of the scheduler. The core
 * asks the classes in priority order (stop, rt, fair, idle) which task runs next;
 * each keeps its runnable tasks in its own part of the run queue. Called with the
 * run queue's lock held.
 */
abstract class SchedClass {

    static final int ENQUEUE_WAKEUP = CfsRq.ENQUEUE_WAKEUP;
    static final int ENQUEUE_INITIAL = CfsRq.ENQUEUE_INITIAL;
    static final int ENQUEUE_MIGRATED = CfsRq.ENQUEUE_MIGRATED;
    static final int DEQUEUE_SLEEP = CfsRq.DEQUEUE_SLEEP;
    static final int DEQUEUE_SAVE = CfsRq.DEQUEUE_SAVE;

    /** The name Linux's sched debug output uses ("fair", "rt", "idle"). */
    abstract String name();

    /** {@code enqueue_task}: {@code p} becomes runnable on {@code rq}. */
    abstract void enqueueTask(Rq rq, TaskStruct p, int flags);

    /** {@code dequeue_task}: {@code p} stops being runnable on {@code rq}. */
    abstract void dequeueTask(Rq rq, TaskStruct p, int flags);

    /** {@code yield_task}: the running task gives way. */
    abstract void yieldTask(Rq rq);

    /** {@code wakeup_preempt}: {@code p} of this class woke on {@code rq}; preempt the running task if it should. */
    abstract void wakeupPreempt(Rq rq, TaskStruct p, int flags);

    /** {@code pick_task} and {@code set_next_task}: the task of this class to run next, now running; or null. */
    abstract TaskStruct pickNextTask(Rq rq);

    /** {@code put_prev_task}: {@code p}, of this class, stops running (it may still be queued). */
    abstract void putPrevTask(Rq rq, TaskStruct p);

    /** {@code task_tick}: the running task of this class at a timer tick. */
    abstract void taskTick(Rq rq, TaskStruct p);

    /** {@code update_curr}: charges the running task for its time so far. */
    abstract void updateCurr(Rq rq);

    /** {@code prio_changed} / reweight: {@code p}'s nice or priority changed while queued. */
    abstract void prioChanged(Rq rq, TaskStruct p, int oldPrio);
}
