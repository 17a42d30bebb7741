package org.modux.kernel.sched;

import java.util.BitSet;
import java.util.List;
import java.util.Optional;

import org.modux.fs.proc.SeqFile;
import org.modux.uapi.ErrnoException;

/**
 * The scheduler (Linux: kernel/sched/core.c). The calls about "current" act on the
 * task whose thread calls them; code that runs on no task (a host thread of the
 * console or of the framework) has no current task, and its waits block that
 * thread only.
 */
public interface Scheduler {

    /** The task the calling thread is the kernel stack of ({@code current}), if any. */
    Optional<Task> current();

    /** Every task alive, idle tasks first, then by pid ({@code for_each_process_thread}). */
    List<Task> tasks();

    /** The task with {@code pid} ({@code find_task_by_vpid}). */
    Optional<Task> findTask(int pid);

    /**
     * {@code set_current_state}: the state current will sleep in at its next
     * {@code schedule()}; {@link TaskState#RUNNING} undoes it.
     */
    void setCurrentState(TaskState state);

    /**
     * {@code schedule()}: gives up the CPU; if current's state is not RUNNING it
     * sleeps until woken. Must not be called in atomic context.
     */
    void schedule();

    /** {@code wake_up_process}: makes a sleeping task runnable; false if it was not asleep. */
    boolean wakeUpProcess(Task task);

    /** {@code sched_yield()}. */
    void yield();

    /** {@code cond_resched()}: a preemption point; reschedules if the CPU asked for it. */
    void condResched();

    /**
     * {@code schedule_timeout}: sleeps in the state current set until woken or
     * {@code timeoutNs} passed; the time that was left (0 if it passed).
     */
    long scheduleTimeout(long timeoutNs);

    /** {@code msleep}: sleeps uninterruptibly for at least {@code ms} milliseconds. */
    void msleep(long ms);

    /**
     * {@code preempt_disable}: until the matching {@link #preemptEnable} the calling
     * task keeps its CPU; a sleep meanwhile is "BUG: scheduling while atomic".
     * Interrupts are still taken.
     */
    void preemptDisable();

    /** {@code preempt_enable}. */
    void preemptEnable();

    /**
     * {@code local_irq_save}: clears the CPU's interrupt flag (interrupts stay pending
     * until it is set again) and returns the flags to restore: {@code X86_EFLAGS_IF}
     * (0x200) if interrupts were enabled.
     */
    long localIrqSave();

    /** {@code local_irq_restore}: interrupts that arrived meanwhile are taken now if the flag comes back. */
    void localIrqRestore(long flags);

    /** {@code irqs_disabled()}. */
    boolean irqsDisabled();

    /** {@code in_atomic()}: preempt_count is not zero (preemption or softirqs disabled, or in an interrupt). */
    boolean inAtomic();

    /**
     * {@code might_sleep()}: a function that may sleep says so; called in atomic
     * context it is reported ("BUG: sleeping function called from invalid context")
     * with the held locks and the call trace, and taints the kernel W.
     */
    void mightSleep();

    /** {@code set_user_nice}. */
    void setUserNice(Task task, int nice);

    /** {@code sched_setscheduler}: EINVAL for a priority the policy does not take. */
    void setScheduler(Task task, SchedPolicy policy, int rtPriority) throws ErrnoException;

    /** {@code set_cpus_allowed_ptr}: EINVAL if no allowed CPU is online. */
    void setCpusAllowed(Task task, BitSet cpus) throws ErrnoException;

    /**
     * {@code proc_sched_show_task} (kernel/sched/debug.c): what /proc/PID/sched
     * shows of {@code task}, in Linux 6.x's layout.
     */
    void showSched(Task task, SeqFile m);

    /** The number of CPUs online ({@code num_online_cpus}). */
    int onlineCpus();

    /** A new wait queue ({@code init_waitqueue_head}). */
    WaitQueueHead newWaitQueue();

    /** A new completion ({@code init_completion}). */
    Completion newCompletion();
}
