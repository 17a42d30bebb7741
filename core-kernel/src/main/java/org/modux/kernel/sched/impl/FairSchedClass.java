package org.modux.kernel.sched.impl;

/**
 * {@code fair_sched_class} (kernel/sched/fair.c): SCHED_NORMAL, SCHED_BATCH and
 * SCHED_IDLE tasks under EEVDF; the arithmetic is {@link CfsRq}'s.
 */
final class FairSchedClass extends SchedClass {

    private final SchedCore core;

    FairSchedClass(SchedCore core) {
        this.core = core;
    }

    @Override
    String name() {
        return "fair";
    }

    @Override
    void enqueueTask(Rq rq, TaskStruct p, int flags) {
        rq.cfs.enqueue(p.se, flags, rq.clock);
    }

    @Override
    void dequeueTask(Rq rq, TaskStruct p, int flags) {
        updateCurr(rq);
        rq.cfs.dequeue(p.se, flags, rq.clock);
    }

    @Override
    void yieldTask(Rq rq) {
        updateCurr(rq);
        rq.cfs.yieldCurr(rq.clock);
    }

    @Override
    void wakeupPreempt(Rq rq, TaskStruct p, int flags) {
        updateCurr(rq);
        if (rq.cfs.wakeupPreempt(p.se, rq.clock)) {
            core.reschedCurr(rq);
        }
    }

    @Override
    TaskStruct pickNextTask(Rq rq) {
        SchedEntity se = rq.cfs.pickNext(rq.clock);
        return se == null ? null : (TaskStruct) se.owner;
    }

    @Override
    void putPrevTask(Rq rq, TaskStruct p) {
        updateCurr(rq);
        rq.cfs.putPrev(p.se, rq.clock);
    }

    @Override
    void taskTick(Rq rq, TaskStruct p) {
        updateCurr(rq);
        if (rq.cfs.reschedNeeded()) {
            core.reschedCurr(rq);
        }
    }

    @Override
    void updateCurr(Rq rq) {
        SchedEntity curr = rq.cfs.curr();
        if (curr == null) {
            return;
        }
        long before = curr.sumExecRuntime;
        rq.cfs.updateCurr(rq.clock);
        ((TaskStruct) curr.owner).stime += curr.sumExecRuntime - before;
    }

    @Override
    void prioChanged(Rq rq, TaskStruct p, int oldPrio) {
        rq.cfs.reweightEntity(p.se, p.nice, rq.clock);
        if (rq.curr != p) {
            wakeupPreempt(rq, p, 0);
        }
    }
}
