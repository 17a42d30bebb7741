package org.modux.kernel.sched.impl;

/**
 * {@code stop_sched_class} (kernel/sched/stop_task.c): a CPU's stopper thread,
 * {@code migration/N}, which preempts every other task on its CPU and is preempted
 * by none. It is at most one task per run queue, so the class keeps no queue of
 * its own: just whether that task is runnable.
 */
final class StopSchedClass extends SchedClass {

    @Override
    String name() {
        return "stop";
    }

    @Override
    void enqueueTask(Rq rq, TaskStruct p, int flags) {
        rq.stopQueued = true;
    }

    @Override
    void dequeueTask(Rq rq, TaskStruct p, int flags) {
        updateCurr(rq);
        rq.stopQueued = false;
    }

    @Override
    void yieldTask(Rq rq) {
        // The stopper never yields (Linux: BUG()); it sleeps when its work is done.
    }

    @Override
    void wakeupPreempt(Rq rq, TaskStruct p, int flags) {
        // Nothing of this class runs beside it.
    }

    @Override
    TaskStruct pickNextTask(Rq rq) {
        if (!rq.stopQueued) {
            return null;
        }
        rq.stop.se.execStart = rq.clock;
        return rq.stop;
    }

    @Override
    void putPrevTask(Rq rq, TaskStruct p) {
        updateCurr(rq);
    }

    @Override
    void taskTick(Rq rq, TaskStruct p) {
        updateCurr(rq);
    }

    /** {@code update_curr_common}: the stopper's run time, in its sum and system time. */
    @Override
    void updateCurr(Rq rq) {
        TaskStruct p = rq.curr;
        if (p != rq.stop || p.se.execStart == 0) {
            return;
        }
        long delta = rq.clock - p.se.execStart;
        if (delta > 0) {
            p.se.sumExecRuntime += delta;
            p.stime += delta;
            p.se.execStart = rq.clock;
        }
    }

    @Override
    void prioChanged(Rq rq, TaskStruct p, int oldPrio) {
        // The stopper's priority does not change.
    }
}
