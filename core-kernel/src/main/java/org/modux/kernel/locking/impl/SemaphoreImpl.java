package org.modux.kernel.locking.impl;

import java.util.concurrent.atomic.AtomicInteger;

import org.modux.kernel.locking.Semaphore;
import org.modux.kernel.sched.WaitQueueHead;
import org.modux.kernel.sched.impl.SchedCore;
import org.modux.uapi.Errno;

/** {@code struct semaphore}: a count and a wait queue. Lockdep does not track semaphores, as in Linux. */
final class SemaphoreImpl implements Semaphore {

    private final SchedCore core;
    private final AtomicInteger count;
    private final WaitQueueHead waiters;

    SemaphoreImpl(SchedCore core, int count) {
        this.core = core;
        this.count = new AtomicInteger(count);
        this.waiters = core.newWaitQueue();
    }

    private boolean tryTake() {
        while (true) {
            int c = count.get();
            if (c <= 0) {
                return false;
            }
            if (count.compareAndSet(c, c - 1)) {
                return true;
            }
        }
    }

    @Override
    public void down() {
        core.mightSleep();
        if (!tryTake()) {
            waiters.waitEvent(this::tryTake);
        }
    }

    @Override
    public int downInterruptible() {
        down();
        return 0;
    }

    @Override
    public boolean downTrylock() {
        return tryTake();
    }

    @Override
    public int downTimeout(long timeoutNs) {
        core.mightSleep();
        return tryTake() || waiters.waitEventTimeout(this::tryTake, timeoutNs) ? 0 : -Errno.ETIME.number();
    }

    @Override
    public void up() {
        count.incrementAndGet();
        waiters.wakeUp();
    }
}
