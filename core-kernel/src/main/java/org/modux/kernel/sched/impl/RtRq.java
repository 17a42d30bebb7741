package org.modux.kernel.sched.impl;

import java.util.ArrayDeque;
import java.util.BitSet;

/**
 * {@code struct rt_rq} with its {@code rt_prio_array}: one FIFO list per real-time
 * priority (0 highest .. 99) and a bitmap of the non-empty ones.
 */
final class RtRq {

    @SuppressWarnings("unchecked")
    private final ArrayDeque<TaskStruct>[] queues = new ArrayDeque[SchedPrio.MAX_RT_PRIO];
    private final BitSet bitmap = new BitSet(SchedPrio.MAX_RT_PRIO);
    int nrRunning;

    RtRq() {
        for (int i = 0; i < queues.length; i++) {
            queues[i] = new ArrayDeque<>();
        }
    }

    void enqueue(TaskStruct p, boolean head) {
        int prio = p.prio();
        if (head) {
            queues[prio].addFirst(p);
        } else {
            queues[prio].addLast(p);
        }
        bitmap.set(prio);
        nrRunning++;
    }

    void dequeue(TaskStruct p) {
        int prio = p.prio();
        if (queues[prio].remove(p)) {
            nrRunning--;
        }
        if (queues[prio].isEmpty()) {
            bitmap.clear(prio);
        }
    }

    /** The first task of the highest non-empty priority, left queued. */
    TaskStruct first() {
        int prio = bitmap.nextSetBit(0);
        return prio < 0 ? null : queues[prio].peekFirst();
    }

    /** {@code requeue_task_rt}: moves {@code p} to the tail of its list. */
    void requeue(TaskStruct p) {
        ArrayDeque<TaskStruct> q = queues[p.prio()];
        if (q.remove(p)) {
            q.addLast(p);
        }
    }
}
