package org.modux.kernel.locking.impl;

import org.modux.kernel.impl.Taints;
import org.modux.kernel.locking.Locking;
import org.modux.kernel.locking.Mutex;
import org.modux.kernel.locking.Rcu;
import org.modux.kernel.locking.RwLock;
import org.modux.kernel.locking.Semaphore;
import org.modux.kernel.locking.Seqlock;
import org.modux.kernel.locking.Spinlock;
import org.modux.kernel.printk.Printk;
import org.modux.kernel.sched.Task;
import org.modux.kernel.sched.impl.KthreadCore;
import org.modux.kernel.sched.impl.SchedCore;
import org.modux.kernel.softirq.impl.SoftirqCore;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The kernel's locks (kernel/locking/) on the execution core: spinning locks keep
 * their CPU through the scheduler's preempt count and, in their irqsave and bh
 * forms, its interrupt flag and the softirq layer's bh count; sleeping locks wait
 * on wait queues; every lock goes through {@link Lockdep}; RCU is {@link RcuCore}.
 * The scheduler's might_sleep report lists the held locks through this component.
 */
@Component(service = {Locking.class, LockingCore.class}, immediate = true)
public final class LockingCore implements Locking, SchedCore.HeldLocks {

    final SchedCore core;
    final SoftirqCore softirqs;
    final Printk log;
    final Lockdep lockdep;
    private final RcuCore rcu;

    @Activate
    public LockingCore(@Reference SchedCore core, @Reference SoftirqCore softirqs, @Reference KthreadCore kthreads,
            @Reference Printk printk, @Reference Taints taints, BundleContext context) {
        this(core, softirqs, kthreads, printk, taints, context.getBundle().getHeaders().get("Modux-Release"));
    }

    /** Wired by hand, as the tests do; {@code release} is what the reports' ident line names. */
    public LockingCore(SchedCore core, SoftirqCore softirqs, KthreadCore kthreads, Printk printk, Taints taints,
            String release) {
        this.core = core;
        this.softirqs = softirqs;
        this.log = printk;
        this.lockdep = new Lockdep(core, printk, taints, release);
        this.rcu = new RcuCore(core, softirqs, kthreads, printk);
        core.setHeldLocks(this);
    }

    @Deactivate
    public void deactivate() {
        core.setHeldLocks(null);
        rcu.stop();
    }

    @Override
    public Spinlock spinLockInit(String name) {
        return new SpinlockImpl(this, lockdep.lockClass(name, "spin"));
    }

    @Override
    public RwLock rwlockInit(String name) {
        return new RwLockImpl(this, lockdep.lockClass(name, "rw"));
    }

    @Override
    public Mutex mutexInit(String name) {
        return new MutexImpl(this, lockdep.lockClass(name, "mutex"));
    }

    @Override
    public Semaphore semaInit(String name, int count) {
        return new SemaphoreImpl(core, count);
    }

    @Override
    public Seqlock seqlockInit(String name) {
        return new SeqlockImpl(new SpinlockImpl(this, lockdep.lockClass(name, "seqlock")));
    }

    @Override
    public Rcu rcu() {
        return rcu;
    }

    @Override
    public void show(Task task, Printk to) {
        lockdep.showHeld(task);
    }

    @Override
    public void exit(Task task) {
        lockdep.exit(task);
    }
}
