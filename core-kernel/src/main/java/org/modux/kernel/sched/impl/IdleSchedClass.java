package org.modux.kernel.sched.impl;

/**
 * {@code idle_sched_class}: the CPU's idle task, {@code swapper/N}, runs when no
 * other class has anything; it is never queued.
 */
final class IdleSchedClass extends SchedClass {

    @Override
    String name() {
        return "idle";
    }

    @Override
    void enqueueTask(Rq rq, TaskStruct p, int flags) {
        throw new IllegalStateException("BUG: enqueue of the idle task " + p);
    }

    @Override
    void dequeueTask(Rq rq, TaskStruct p, int flags) {
        throw new IllegalStateException("BUG: dequeue of the idle task " + p);
    }

    @Override
    void yieldTask(Rq rq) {
        // Nothing to give way to.
    }

    @Override
    void wakeupPreempt(Rq rq, TaskStruct p, int flags) {
        // A task of a higher class woke: the core already asked for a reschedule.
    }

    @Override
    TaskStruct pickNextTask(Rq rq) {
        rq.idle.se.execStart = rq.clock;
        return rq.idle;
    }

    @Override
    void putPrevTask(Rq rq, TaskStruct p) {
        // Idle time is accounted by the CPU's statistics, not the task.
    }

    @Override
    void taskTick(Rq rq, TaskStruct p) {
        // Nothing runs in idle to be preempted.
    }

    @Override
    void updateCurr(Rq rq) {
        // As putPrevTask.
    }

    @Override
    void prioChanged(Rq rq, TaskStruct p, int oldPrio) {
        // The idle task's priority does not change.
    }
}
