package org.modux.kernel.sched.impl;

import org.modux.kernel.sched.SchedPolicy;

/**
 * {@code rt_sched_class} (kernel/sched/rt.c): SCHED_FIFO runs until it blocks or
 * yields; SCHED_RR also gives way to its equals after a slice of
 * {@code sched_rr_timeslice_ms} (100 ms). A runnable real-time task always runs
 * before any fair one on its CPU. Running tasks stay queued, at the head of their
 * priority's list.
 */
final class RtSchedClass extends SchedClass {

    static final long RR_TIMESLICE_NS = 100_000_000L;

    private final SchedCore core;

    RtSchedClass(SchedCore core) {
        this.core = core;
    }

    @Override
    String name() {
        return "rt";
    }

    @Override
    void enqueueTask(Rq rq, TaskStruct p, int flags) {
        if (p.rtTimeSlice <= 0) {
            p.rtTimeSlice = RR_TIMESLICE_NS;
        }
        rq.rt.enqueue(p, false);
    }

    @Override
    void dequeueTask(Rq rq, TaskStruct p, int flags) {
        updateCurr(rq);
        rq.rt.dequeue(p);
    }

    @Override
    void yieldTask(Rq rq) {
        rq.rt.requeue(rq.curr);
    }

    @Override
    void wakeupPreempt(Rq rq, TaskStruct p, int flags) {
        if (p.prio() < rq.curr.prio()) {
            core.reschedCurr(rq);
        }
    }

    @Override
    TaskStruct pickNextTask(Rq rq) {
        TaskStruct p = rq.rt.first();
        if (p != null) {
            p.se.execStart = rq.clock;
        }
        return p;
    }

    @Override
    void putPrevTask(Rq rq, TaskStruct p) {
        updateCurr(rq);
    }

    @Override
    void taskTick(Rq rq, TaskStruct p) {
        updateCurr(rq);
        if (p.policy != SchedPolicy.RR) {
            return;
        }
        if (p.rtTimeSlice > 0) {
            return;
        }
        p.rtTimeSlice = RR_TIMESLICE_NS;
        rq.rt.requeue(p);
        if (rq.rt.first() != p) {
            core.reschedCurr(rq);
        }
    }

    @Override
    void updateCurr(Rq rq) {
        TaskStruct curr = rq.curr;
        if (curr == null || curr.schedClass != this) {
            return;
        }
        long delta = rq.clock - curr.se.execStart;
        if (delta <= 0) {
            return;
        }
        curr.se.execStart = rq.clock;
        curr.se.sumExecRuntime += delta;
        curr.stime += delta;
        curr.rtTimeSlice -= delta;
    }

    @Override
    void prioChanged(Rq rq, TaskStruct p, int oldPrio) {
        if (rq.curr != p && p.prio() < rq.curr.prio()) {
            core.reschedCurr(rq);
        }
    }
}
