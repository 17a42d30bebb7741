package org.modux.kernel.sched.impl;

import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.modux.kernel.sched.SchedPolicy;
import org.modux.kernel.sched.Task;
import org.modux.kernel.sched.TaskState;

/**
 * {@code struct task_struct}: what the scheduler keeps about a task. Its thread is
 * its kernel stack. Fields the scheduler changes are written under the lock of the
 * run queue the task is on, or by the task itself; the volatile ones are read
 * without it (ps, /proc).
 */
final class TaskStruct implements Task {

    static final int TASK_COMM_LEN = 16;

    final int pid;
    final TaskStruct parent;
    final boolean kthread;
    final List<TaskStruct> children = new CopyOnWriteArrayList<>();
    /** When the task was made, ns since boot ({@code start_time}). */
    final long startTime;
    volatile String comm;
    volatile TaskState state = TaskState.RUNNING;
    volatile int cpu;
    volatile BitSet cpusAllowed;
    volatile int nice;
    volatile SchedPolicy policy = SchedPolicy.NORMAL;
    volatile int rtPriority;
    volatile SchedClass schedClass;
    /** Its thread; null for a task that never runs code of its own. */
    Thread thread;
    /** Its thread's continuation, as the JDK hands it to {@link TaskExecutor}. */
    volatile Runnable continuation;
    volatile boolean started;
    /** {@code on_rq}: queued in (or running from) a run queue. */
    boolean onRq;
    /** {@code on_cpu}: the current task of a CPU. */
    volatile boolean onCpu;
    /** The fair class's entity. */
    final SchedEntity se;
    /** The real-time class's place: the time left of its round-robin slice, ns. */
    long rtTimeSlice;
    /** Voluntary and involuntary context switches ({@code nvcsw}, {@code nivcsw}). */
    volatile long nvcsw;
    volatile long nivcsw;
    /** Time on a CPU, all of it system time for now ({@code stime}, ns). */
    volatile long stime;
    volatile long utime;
    /** The exit code, once ZOMBIE or DEAD. */
    volatile int exitCode;
    /** Per-kthread control, for kthreads. */
    volatile KthreadImpl kthreadControl;

    TaskStruct(int pid, String comm, TaskStruct parent, boolean kthread, long startTime, BitSet cpusAllowed,
            int cpu) {
        this.pid = pid;
        this.comm = truncate(comm);
        this.parent = parent;
        this.kthread = kthread;
        this.startTime = startTime;
        this.cpusAllowed = (BitSet) cpusAllowed.clone();
        this.cpu = cpu;
        this.se = new SchedEntity(this, 0);
    }

    static String truncate(String comm) {
        return comm.length() < TASK_COMM_LEN ? comm : comm.substring(0, TASK_COMM_LEN - 1);
    }

    @Override
    public int pid() {
        return pid;
    }

    @Override
    public int tgid() {
        return pid;
    }

    @Override
    public String comm() {
        return comm;
    }

    @Override
    public TaskState state() {
        return state;
    }

    @Override
    public Optional<Task> parent() {
        return Optional.ofNullable(parent);
    }

    @Override
    public boolean isKthread() {
        return kthread;
    }

    @Override
    public int nice() {
        return nice;
    }

    @Override
    public SchedPolicy policy() {
        return policy;
    }

    @Override
    public int rtPriority() {
        return rtPriority;
    }

    @Override
    public int cpu() {
        return cpu;
    }

    @Override
    public BitSet cpusAllowed() {
        return (BitSet) cpusAllowed.clone();
    }

    @Override
    public int prio() {
        return policy.isRealTime() ? SchedPrio.MAX_RT_PRIO - 1 - rtPriority : SchedPrio.niceToPrio(nice);
    }

    @Override
    public long startTime() {
        return startTime;
    }

    @Override
    public long utime() {
        return utime;
    }

    @Override
    public long stime() {
        return stime;
    }

    @Override
    public long sumExecRuntime() {
        return se.sumExecRuntime;
    }

    @Override
    public long nvcsw() {
        return nvcsw;
    }

    @Override
    public long nivcsw() {
        return nivcsw;
    }

    @Override
    public String toString() {
        return comm + "/" + pid;
    }
}
