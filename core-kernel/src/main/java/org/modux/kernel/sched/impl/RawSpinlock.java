package org.modux.kernel.sched.impl;

import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code raw_spinlock_t}: held for a few instructions, never across a sleep, so a
 * waiter spins (its CPU is busy meanwhile, as on real hardware). Records its owner
 * so that a sleep under it can be reported, and a recursive lock is a bug.
 */
public final class RawSpinlock {

    private final AtomicReference<Thread> owner = new AtomicReference<>();

    public void lock() {
        Thread me = Thread.currentThread();
        if (owner.get() == me) {
            throw new IllegalStateException("BUG: spinlock recursion on CPU, " + me.getName());
        }
        int spins = 0;
        while (!owner.compareAndSet(null, me)) {
            if (++spins < 1 << 10) {
                Thread.onSpinWait();
            } else {
                // The holder's host thread is off its core: let the host run it.
                Thread.yield();
            }
        }
    }

    public void unlock() {
        owner.set(null);
    }

    boolean isHeldByCurrentThread() {
        return owner.get() == Thread.currentThread();
    }
}
