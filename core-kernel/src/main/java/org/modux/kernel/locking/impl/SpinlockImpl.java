package org.modux.kernel.locking.impl;

import java.util.concurrent.atomic.AtomicReference;

import org.modux.kernel.locking.Spinlock;
import org.modux.kernel.sched.Task;

/**
 * {@code raw_spinlock_t} with CONFIG_DEBUG_SPINLOCK: the owner (a task, or a host
 * thread that is no task) and its CPU. A waiter spins, taking interrupts meanwhile
 * unless they are off. Misuse is reported once, as {@code spin_bug} does, and the
 * operation goes on as Linux's would: a recursion spins for ever.
 */
final class SpinlockImpl implements Spinlock {

    /** {@code SPINLOCK_MAGIC}. */
    private static final int SPINLOCK_MAGIC = 0xdead4ead;

    private final LockingCore l;
    private final Lockdep.LockClass cls;
    private final AtomicReference<Object> owner = new AtomicReference<>();
    private volatile int ownerCpu = -1;

    SpinlockImpl(LockingCore l, Lockdep.LockClass cls) {
        this.l = l;
        this.cls = cls;
    }

    @Override
    public void lock() {
        l.core.preemptDisable();
        acquire();
    }

    @Override
    public boolean trylock() {
        l.core.preemptDisable();
        if (owner.compareAndSet(null, l.lockdep.self())) {
            ownerCpu = l.core.smpProcessorId();
            l.lockdep.acquire(cls, true, false);
            return true;
        }
        l.core.preemptEnable();
        return false;
    }

    @Override
    public void unlock() {
        release();
        l.core.preemptEnable();
    }

    @Override
    public long lockIrqsave() {
        long flags = l.core.localIrqSave();
        l.core.preemptDisable();
        acquire();
        return flags;
    }

    @Override
    public void unlockIrqrestore(long flags) {
        release();
        l.core.localIrqRestore(flags);
        l.core.preemptEnable();
    }

    @Override
    public void lockBh() {
        l.softirqs.localBhDisable();
        acquire();
    }

    @Override
    public void unlockBh() {
        release();
        l.softirqs.localBhEnable();
    }

    @Override
    public boolean isLocked() {
        return owner.get() != null;
    }

    /** {@code do_raw_spin_lock} with {@code debug_spin_lock_before}. */
    void acquire() {
        Object me = l.lockdep.self();
        l.lockdep.acquire(cls, false, false);
        if (owner.get() == me) {
            spinBug("recursion");
        }
        while (!owner.compareAndSet(null, me)) {
            Thread.onSpinWait();
            l.core.irqWindow();
        }
        ownerCpu = l.core.smpProcessorId();
    }

    /** {@code do_raw_spin_unlock} with {@code debug_spin_unlock}. */
    void release() {
        Object me = l.lockdep.self();
        Object o = owner.get();
        if (o == null) {
            spinBug("already unlocked");
        } else if (o != me) {
            spinBug("wrong owner");
        } else if (ownerCpu != l.core.smpProcessorId()) {
            spinBug("wrong CPU");
        }
        l.lockdep.release(cls);
        ownerCpu = -1;
        owner.set(null);
    }

    /** {@code spin_bug}: once, while the lock checks are on. */
    private void spinBug(String msg) {
        if (!l.lockdep.debugLocks.compareAndSet(true, false)) {
            return;
        }
        Object me = l.lockdep.self();
        Object o = owner.get();
        l.log.prEmerg("BUG: spinlock %s on CPU#%d, %s", msg, Math.max(0, l.core.smpProcessorId()), who(me));
        l.log.prEmerg(" lock: %s, .magic: %08x, .owner: %s, .owner_cpu: %d", cls.name(), SPINLOCK_MAGIC,
                o == null ? "<none>/-1" : who(o), ownerCpu);
        if (me instanceof Task t) {
            l.core.dumpStack(t, new Throwable().getStackTrace());
        }
    }

    private static String who(Object o) {
        return o instanceof Task t ? t.comm() + "/" + t.pid() : ((Thread) o).getName() + "/-1";
    }
}
