package org.modux.modules.initfail;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.modux.fs.proc.ProcFs;
import org.modux.kernel.irq.Interrupts;
import org.modux.kernel.printk.Printk;
import org.modux.kernel.sched.Kthreads;
import org.modux.kernel.sched.Scheduler;
import org.modux.kernel.sched.TaskState;
import org.modux.kernel.softirq.Softirqs;
import org.modux.kernel.softirq.Tasklet;
import org.modux.kernel.sysctl.CtlTable;
import org.modux.kernel.sysctl.Sysctl;
import org.modux.kernel.time.TimerList;
import org.modux.kernel.time.Timers;
import org.modux.lib.kobject.Kobjects;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A module whose init fails half-way, as a driver's probe does when an allocation
 * fails: it creates /proc/initfail, registers /proc/sys/initfail/value, adds
 * /sys/kernel/initfail, starts a kernel thread, arms a timer an hour ahead, leaves a
 * disabled tasklet scheduled, requests irq {@value #IRQ} and registers a service by
 * hand (a {@code Runnable}), then returns -ENOMEM
 * without undoing any of it. insmod fails with "Cannot allocate memory", and the
 * kernel's per-module services release all of it, each with a warning in the kernel
 * log (Linux would leak them, and crash when the timer fires).
 */
@Component(immediate = true)
public final class InitFail {

    /** A legacy line no device of the machine uses (LPT1's on a PC). */
    static final int IRQ = 7;

    @Activate
    public InitFail(@Reference Printk printk, @Reference ProcFs proc, @Reference Sysctl sysctl,
            @Reference Kobjects kobjects, @Reference Scheduler sched, @Reference Kthreads kthreads,
            @Reference Timers timers, @Reference Softirqs softirqs, @Reference Interrupts interrupts,
            BundleContext context) throws ErrnoException {
        proc.createSingle("initfail", m -> m.puts("initfail\n"));
        sysctl.register("initfail", CtlTable.intValue("value", 0644, new AtomicIntegerArray(1), 0, 100));
        kobjects.createAndAdd("initfail", kobjects.kernelKobj());
        kthreads.run(() -> {
            while (!kthreads.shouldStop()) {
                sched.setCurrentState(TaskState.INTERRUPTIBLE);
                if (!kthreads.shouldStop()) {
                    sched.schedule();
                }
                sched.setCurrentState(TaskState.RUNNING);
            }
            return 0;
        }, "initfail");
        TimerList timer = timers.timerSetup(t -> printk.prInfo("initfail: timer fired"), 0);
        timers.addTimer(timer, timers.jiffies() + 3600L * Timers.HZ);
        Tasklet tasklet = softirqs.taskletSetup(t -> printk.prInfo("initfail: tasklet ran"));
        softirqs.taskletDisable(tasklet);
        softirqs.taskletSchedule(tasklet);
        interrupts.requestIrq(IRQ, (irq, dev) -> Interrupts.IRQ_NONE, Interrupts.IRQF_SHARED, "initfail", this);
        context.registerService(Runnable.class, () -> { }, null);
        printk.prInfo("initfail: /proc/initfail, /proc/sys/initfail/value, /sys/kernel/initfail, kthread initfail,"
                + " a timer, a tasklet, irq %d and a service taken; failing", IRQ);
        throw new ErrnoException(Errno.ENOMEM);
    }
}
