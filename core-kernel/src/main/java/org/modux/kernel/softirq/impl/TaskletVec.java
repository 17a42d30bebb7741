package org.modux.kernel.softirq.impl;

import org.modux.kernel.sched.impl.RawSpinlock;

/**
 * {@code struct tasklet_head}: one CPU's list of scheduled tasklets for one softirq
 * (TASKLET or HI), in the order they were scheduled. Linux guards it by disabling
 * interrupts on its CPU; here a tasklet may be scheduled from a thread that is no
 * CPU's, so a spinlock guards it.
 */
final class TaskletVec {

    private final RawSpinlock lock = new RawSpinlock();
    private TaskletImpl head;
    private TaskletImpl tail;

    /** Appends {@code t}, which the caller holds SCHED of. */
    void add(TaskletImpl t) {
        lock.lock();
        t.next = null;
        if (tail == null) {
            head = t;
        } else {
            tail.next = t;
        }
        tail = t;
        lock.unlock();
    }

    /** Takes the whole list; the tasklets stay linked through {@link TaskletImpl#next}. */
    TaskletImpl takeAll() {
        lock.lock();
        TaskletImpl list = head;
        head = null;
        tail = null;
        lock.unlock();
        return list;
    }
}
