package org.modux.fs.proc.impl;

import java.util.BitSet;
import java.util.Optional;

import org.modux.kernel.sched.SchedPolicy;
import org.modux.kernel.sched.Task;
import org.modux.kernel.sched.TaskState;

/** A task whose every field a test sets: the scheduler's implementation is not procfs's business. */
final class FakeTask implements Task {

    int pid;
    String comm;
    TaskState state = TaskState.INTERRUPTIBLE;
    Task parent;
    boolean kthread = true;
    int nice;
    SchedPolicy policy = SchedPolicy.NORMAL;
    int rtPriority;
    int cpu;
    BitSet cpus = new BitSet();
    long startTime;
    long utime;
    long stime;
    long nvcsw;
    long nivcsw;

    FakeTask(int pid, String comm, Task parent, int... cpus) {
        this.pid = pid;
        this.comm = comm;
        this.parent = parent;
        for (int c : cpus) {
            this.cpus.set(c);
        }
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
        return (BitSet) cpus.clone();
    }

    @Override
    public int prio() {
        return policy.isRealTime() ? 99 - rtPriority : 120 + nice;
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
        return utime + stime;
    }

    @Override
    public long nvcsw() {
        return nvcsw;
    }

    @Override
    public long nivcsw() {
        return nivcsw;
    }
}
