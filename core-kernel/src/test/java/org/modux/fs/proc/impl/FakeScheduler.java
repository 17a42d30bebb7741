package org.modux.fs.proc.impl;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.modux.fs.proc.SeqFile;
import org.modux.kernel.sched.Completion;
import org.modux.kernel.sched.SchedPolicy;
import org.modux.kernel.sched.Scheduler;
import org.modux.kernel.sched.Task;
import org.modux.kernel.sched.TaskState;
import org.modux.kernel.sched.WaitQueueHead;

/** A scheduler that is only a task list and a "current": what /proc/PID reads of it. */
final class FakeScheduler implements Scheduler {

    final List<Task> tasks = new ArrayList<>();
    Task current;

    @Override
    public Optional<Task> current() {
        return Optional.ofNullable(current);
    }

    @Override
    public List<Task> tasks() {
        List<Task> sorted = new ArrayList<>(tasks);
        sorted.sort(Comparator.comparingInt(Task::pid));
        return sorted;
    }

    @Override
    public Optional<Task> findTask(int pid) {
        return tasks.stream().filter(t -> t.pid() == pid && pid != 0).findFirst();
    }

    @Override
    public void showSched(Task task, SeqFile m) {
        m.printf("%s (%d, #threads: 1)\n", task.comm(), task.pid());
    }

    @Override
    public int onlineCpus() {
        return 2;
    }

    @Override
    public void setCurrentState(TaskState state) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void schedule() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean wakeUpProcess(Task task) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void yield() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void condResched() {
        throw new UnsupportedOperationException();
    }

    @Override
    public long scheduleTimeout(long timeoutNs) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void msleep(long ms) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void preemptDisable() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void preemptEnable() {
        throw new UnsupportedOperationException();
    }

    @Override
    public long localIrqSave() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void localIrqRestore(long flags) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean irqsDisabled() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean inAtomic() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void mightSleep() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setUserNice(Task task, int nice) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setScheduler(Task task, SchedPolicy policy, int rtPriority) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setCpusAllowed(Task task, BitSet cpus) {
        throw new UnsupportedOperationException();
    }

    @Override
    public WaitQueueHead newWaitQueue() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Completion newCompletion() {
        throw new UnsupportedOperationException();
    }
}
