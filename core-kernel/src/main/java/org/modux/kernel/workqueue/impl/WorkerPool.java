package org.modux.kernel.workqueue.impl;

import org.modux.kernel.sched.Kthread;
import org.modux.kernel.sched.WaitQueueHead;
import org.modux.kernel.sched.impl.RawSpinlock;

/**
 * {@code struct worker_pool}: one CPU's worklist and its worker, {@code kworker/N:0}.
 * {@link #lock} guards the list, {@link #currentWork} and the items' links; it is
 * never held across a work function. {@link #done} is woken after each item, for
 * flush_work and cancel_work_sync.
 */
final class WorkerPool {

    final int cpu;
    final RawSpinlock lock = new RawSpinlock();
    final WaitQueueHead done;
    private WorkStructImpl head;
    private WorkStructImpl tail;
    /** {@code worker->current_work}. */
    volatile WorkStructImpl currentWork;
    Kthread worker;

    WorkerPool(int cpu, WaitQueueHead done) {
        this.cpu = cpu;
        this.done = done;
    }

    /** Appends {@code w}; the caller holds the lock and w's PENDING. */
    void insertWorkLocked(WorkStructImpl w) {
        w.next = null;
        w.pool = this;
        if (tail == null) {
            head = w;
        } else {
            tail.next = w;
        }
        tail = w;
    }

    /** The first item, taken off the list, or null; the caller holds the lock. */
    WorkStructImpl pollLocked() {
        WorkStructImpl w = head;
        if (w != null) {
            head = w.next;
            if (head == null) {
                tail = null;
            }
            w.next = null;
        }
        return w;
    }

    /** Takes {@code w} off the list if it is on it; the caller holds the lock. */
    boolean removeLocked(WorkStructImpl w) {
        WorkStructImpl prev = null;
        for (WorkStructImpl x = head; x != null; prev = x, x = x.next) {
            if (x == w) {
                if (prev == null) {
                    head = x.next;
                } else {
                    prev.next = x.next;
                }
                if (tail == x) {
                    tail = prev;
                }
                x.next = null;
                return true;
            }
        }
        return false;
    }

    boolean emptyLocked() {
        return head == null;
    }
}
