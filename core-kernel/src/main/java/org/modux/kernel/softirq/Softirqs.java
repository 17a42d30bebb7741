package org.modux.kernel.softirq;

import java.util.function.Consumer;

/**
 * Softirqs and tasklets (Linux: kernel/softirq.c). A raised softirq runs on the CPU
 * that raised it: at the exit of the outermost hard interrupt there, bounded (2 ms,
 * 10 restarts), the rest in that CPU's {@code ksoftirqd/N}. Raised from task
 * context, it wakes {@code ksoftirqd/N}; raised from a thread that is no CPU's (a
 * device model's, the console's) it goes to CPU 0 and its ksoftirqd. Softirq
 * handlers, tasklets and timer callbacks must not sleep: a sleep there is reported
 * as "BUG: scheduling while atomic". An exception that escapes one is an oops, and
 * the kernel goes on.
 */
public interface Softirqs {

    /**
     * {@code open_softirq}: {@code action} handles {@code nr} from now on. For the
     * core kernel's subsystems (timers, networking, block); HI and TASKLET belong to
     * tasklets.
     */
    void openSoftirq(SoftirqVector nr, Runnable action);

    /** {@code raise_softirq}: marks {@code nr} pending on the calling CPU (see the class comment). Any context. */
    void raiseSoftirq(SoftirqVector nr);

    /** {@code in_softirq()}: the calling CPU serves softirqs or has them disabled (local_bh_disable). */
    boolean inSoftirq();

    /** {@code in_serving_softirq()}: the caller runs in a softirq handler, tasklet or timer callback. */
    boolean inServingSoftirq();

    /** {@code in_interrupt()}: hard interrupt, serving softirq, or softirqs disabled. */
    boolean inInterrupt();

    /** {@code local_bh_disable}: no softirq runs on the calling CPU until {@link #localBhEnable}. */
    void localBhDisable();

    /** {@code local_bh_enable}: runs the softirqs raised meanwhile, unless in interrupt. */
    void localBhEnable();

    /** {@code kstat_softirqs_cpu}: how many times {@code nr} ran on {@code cpu}, as /proc/softirqs shows. */
    long softirqCount(SoftirqVector nr, int cpu);

    /** {@code tasklet_setup}: a tasklet that calls {@code callback} with itself, enabled and not scheduled. */
    Tasklet taskletSetup(Consumer<Tasklet> callback);

    /**
     * {@code tasklet_schedule}: unless it is scheduled already, queues {@code t} on
     * the calling CPU and raises TASKLET_SOFTIRQ. It runs at least once after this
     * call begins.
     */
    void taskletSchedule(Tasklet t);

    /** {@code tasklet_hi_schedule}: as {@link #taskletSchedule}, on HI_SOFTIRQ. */
    void taskletHiSchedule(Tasklet t);

    /** {@code tasklet_disable_nosync}: {@code t} does not run until enabled again. */
    void taskletDisableNosync(Tasklet t);

    /** {@code tasklet_disable}: as {@link #taskletDisableNosync}, then waits until it does not run. May sleep. */
    void taskletDisable(Tasklet t);

    /** {@code tasklet_enable}: undoes one disable. */
    void taskletEnable(Tasklet t);

    /**
     * {@code tasklet_kill}: waits until {@code t} is neither scheduled nor running, and
     * keeps it from running again until scheduled anew. May sleep; from interrupt
     * context Linux's notice is logged.
     */
    void taskletKill(Tasklet t);
}
