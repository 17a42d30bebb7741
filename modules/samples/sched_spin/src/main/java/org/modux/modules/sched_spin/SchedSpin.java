package org.modux.modules.sched_spin;

import org.modux.kernel.locking.Locking;
import org.modux.kernel.locking.Spinlock;
import org.modux.kernel.printk.Printk;
import org.modux.kernel.sched.Completion;
import org.modux.kernel.sched.Kthreads;
import org.modux.kernel.sched.Scheduler;
import org.modux.kernel.sched.TaskState;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The "sleeping in atomic context" exercise of the kernel API lab that ships with
 * Linux's teaching material (tools/labs, sched-spin.c): take a spinlock, set the
 * task state and schedule_timeout while holding it. The kernel reports "BUG:
 * scheduling while atomic" and taints W. Module init runs on no CPU here, so the
 * lab's body runs in a kthread, {@code sched_spin}, and init waits for it.
 */
@Component(immediate = true)
@Designate(ocd = SchedSpin.Params.class)
public final class SchedSpin {

    /** The module's parameters. */
    @ObjectClassDefinition(name = "sched_spin", description = "Parameters of the sched_spin module")
    public @interface Params {
        @AttributeDefinition(description = "How long to sleep holding the lock, in ms (the lab's 5 * HZ)")
        int timeout() default 5000;
    }

    @Activate
    public SchedSpin(@Reference Printk printk, @Reference Locking locking, @Reference Scheduler sched,
            @Reference Kthreads kthreads, Params params) throws ErrnoException {
        long timeoutNs = params.timeout() * 1_000_000L;
        if (timeoutNs < 0) {
            throw new ErrnoException(Errno.EINVAL);
        }
        Spinlock lock = locking.spinLockInit("sched_spin_lock");
        Completion done = sched.newCompletion();
        kthreads.run(() -> {
            lock.lock();
            sched.setCurrentState(TaskState.INTERRUPTIBLE);
            printk.prInfo("sched_spin: are we atomic? %s", sched.inAtomic() ? "yes" : "no");
            sched.scheduleTimeout(timeoutNs);
            lock.unlock();
            done.complete();
            return 0;
        }, "sched_spin");
        done.waitForCompletion();
    }
}
