package org.modux.kernel.sched;

import java.util.BitSet;
import java.util.Optional;

/**
 * A task (Linux: {@code struct task_struct}), as other kernel code sees it. The
 * scheduler owns its state; these are reads.
 */
public interface Task {

    /** The process id (0 for the idle tasks). */
    int pid();

    /** The thread group id; equal to the pid for kernel threads. */
    int tgid();

    /** The command name, at most 15 characters ({@code TASK_COMM_LEN} - 1). */
    String comm();

    /** The current state. */
    TaskState state();

    /** The parent (kthreadd for kernel threads; empty for the idle tasks and kthreadd's own parent). */
    Optional<Task> parent();

    /** Whether this is a kernel thread ({@code PF_KTHREAD}). */
    boolean isKthread();

    /** The nice value, -20 to 19. */
    int nice();

    /** The scheduling policy. */
    SchedPolicy policy();

    /** The real-time priority, 1 to 99 for FIFO and RR, 0 otherwise. */
    int rtPriority();

    /** The CPU the task runs on, or last ran on ({@code task_cpu}). */
    int cpu();

    /** The CPUs the task may run on ({@code cpus_mask}), a copy. */
    BitSet cpusAllowed();

    /**
     * {@code task_struct->prio}: 0 to 99 for real-time tasks (99 - rt_priority), 100
     * to 139 for the others (120 + nice).
     */
    int prio();

    /** When the task was made, ns since boot ({@code start_time}). */
    long startTime();

    /** Time spent in user mode, ns ({@code utime}). */
    long utime();

    /** Time spent in the kernel, ns ({@code stime}). */
    long stime();

    /** CPU time the scheduler has charged it, ns ({@code se.sum_exec_runtime}). */
    long sumExecRuntime();

    /** Voluntary context switches ({@code nvcsw}): it gave up the CPU to sleep. */
    long nvcsw();

    /** Involuntary context switches ({@code nivcsw}): it was preempted. */
    long nivcsw();
}
