package org.modux.kernel.sched.impl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.modux.kernel.sched.TaskState;
import org.modux.kernel.sched.WaitQueueHead;

/**
 * {@code wait_queue_head_t} (kernel/sched/wait.c): a waiter queues itself and sets its
 * state under the queue's lock ({@code prepare_to_wait}), then tests the condition
 * and schedules; a waker sets the condition, then wakes every waiter
 * ({@code __wake_up}), so no wake-up is lost between the test and the sleep. A
 * thread that is no task (the console's, the framework's) waits by parking.
 */
final class WaitQueue implements WaitQueueHead {

    /** One waiter: a task, or a host thread. */
    private record Waiter(TaskStruct task, Thread thread) {
    }

    private final SchedCore core;
    private final RawSpinlock lock = new RawSpinlock();
    private final Set<Waiter> waiters = new LinkedHashSet<>();

    WaitQueue(SchedCore core) {
        this.core = core;
    }

    @Override
    public void waitEvent(BooleanSupplier condition) {
        waitEventTimeout(condition, Long.MAX_VALUE);
    }

    @Override
    public boolean waitEventTimeout(BooleanSupplier condition, long timeoutNs) {
        core.mightSleep();
        if (condition.getAsBoolean()) {
            return true;
        }
        long deadline = timeoutNs == Long.MAX_VALUE ? Long.MAX_VALUE : core.clockNanos() + timeoutNs;
        TaskStruct p = core.currentTask();
        Waiter w = new Waiter(p, p == null ? Thread.currentThread() : null);
        SchedCore.Timer timer = p == null || deadline == Long.MAX_VALUE ? null : core.wakeAt(p, deadline);
        try {
            while (true) {
                lock.lock();
                waiters.add(w);
                if (p != null) {
                    p.state = TaskState.UNINTERRUPTIBLE;
                }
                lock.unlock();
                if (condition.getAsBoolean()) {
                    return true;
                }
                long left = deadline - core.clockNanos();
                if (left <= 0) {
                    return condition.getAsBoolean();
                }
                if (p != null) {
                    core.schedule();
                } else if (deadline == Long.MAX_VALUE) {
                    LockSupport.park(this);
                } else {
                    LockSupport.parkNanos(this, left);
                }
            }
        } finally {
            if (p != null) {
                p.state = TaskState.RUNNING;
            }
            if (timer != null) {
                timer.cancel();
            }
            lock.lock();
            waiters.remove(w);
            lock.unlock();
        }
    }

    @Override
    public void wakeUp() {
        wakeUpAll();
    }

    @Override
    public void wakeUpAll() {
        List<Waiter> woken;
        lock.lock();
        try {
            if (waiters.isEmpty()) {
                return;
            }
            woken = new ArrayList<>(waiters);
        } finally {
            lock.unlock();
        }
        for (Waiter w : woken) {
            if (w.task != null) {
                core.tryToWakeUp(w.task, false);
            } else {
                LockSupport.unpark(w.thread);
            }
        }
    }

    @Override
    public boolean active() {
        lock.lock();
        try {
            return !waiters.isEmpty();
        } finally {
            lock.unlock();
        }
    }
}
