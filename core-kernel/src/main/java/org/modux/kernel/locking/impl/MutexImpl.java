package org.modux.kernel.locking.impl;

import java.util.concurrent.atomic.AtomicReference;

import org.modux.kernel.locking.Mutex;
import org.modux.kernel.sched.WaitQueueHead;

/**
 * {@code struct mutex}: an owner and a wait queue; a waiter sleeps uninterruptibly
 * and tries again when woken. Unlocking a mutex the caller does not own is
 * Linux's {@code DEBUG_LOCKS_WARN_ON}, a warning; it is unlocked anyway.
 */
final class MutexImpl implements Mutex {

    private final LockingCore l;
    private final Lockdep.LockClass cls;
    private final AtomicReference<Object> owner = new AtomicReference<>();
    private final WaitQueueHead waiters;

    MutexImpl(LockingCore l, Lockdep.LockClass cls) {
        this.l = l;
        this.cls = cls;
        this.waiters = l.core.newWaitQueue();
    }

    @Override
    public void lock() {
        l.core.mightSleep();
        l.lockdep.acquire(cls, false, false);
        Object me = l.lockdep.self();
        if (!owner.compareAndSet(null, me)) {
            waiters.waitEvent(() -> owner.compareAndSet(null, me));
        }
    }

    @Override
    public int lockInterruptible() {
        lock();
        return 0;
    }

    @Override
    public boolean trylock() {
        if (owner.compareAndSet(null, l.lockdep.self())) {
            l.lockdep.acquire(cls, true, false);
            return true;
        }
        return false;
    }

    @Override
    public void unlock() {
        if (owner.get() != l.lockdep.self()) {
            l.log.prWarn("DEBUG_LOCKS_WARN_ON(__owner_task(owner) != current): mutex %s", cls.name());
        }
        l.lockdep.release(cls);
        owner.set(null);
        waiters.wakeUp();
    }

    @Override
    public boolean isLocked() {
        return owner.get() != null;
    }
}
