package org.modux.kernel.sched.impl;

import java.util.BitSet;

import org.modux.kernel.sched.Kthread;
import org.modux.kernel.sched.Task;
import org.modux.kernel.sched.TaskState;

/** {@code struct kthread}: a kernel thread's stop and park requests and the completions around them. */
final class KthreadImpl implements Kthread {

    final TaskStruct task;
    private final SchedCore core;
    final CompletionImpl exited;
    final CompletionImpl parked;
    volatile boolean shouldStop;
    volatile boolean shouldPark;
    volatile boolean boundToCpu;

    KthreadImpl(TaskStruct task, SchedCore core) {
        this.task = task;
        this.core = core;
        this.exited = (CompletionImpl) core.newCompletion();
        this.parked = (CompletionImpl) core.newCompletion();
    }

    @Override
    public Task task() {
        return task;
    }

    @Override
    public int stop() {
        requestStop();
        exited.waitForCompletion();
        exited.completeAll();
        return task.exitCode;
    }

    /** {@link #stop} that waits at most {@code timeoutNs}: whether the thread has returned. */
    boolean stop(long timeoutNs) {
        requestStop();
        if (!exited.waitForCompletionTimeout(timeoutNs)) {
            return false;
        }
        exited.completeAll();
        return true;
    }

    /** Whether the thread has returned. */
    boolean hasExited() {
        return task.state == TaskState.DEAD;
    }

    private void requestStop() {
        shouldStop = true;
        if (shouldPark) {
            unpark();
        }
        if (!task.started && !task.onRq) {
            core.wakeUpNewTask(task);
        } else {
            core.tryToWakeUp(task, true);
        }
    }

    @Override
    public void bind(int cpu) {
        if (task.started || task.onRq) {
            throw new IllegalStateException("kthread_bind of " + task + ", which runs already");
        }
        BitSet one = new BitSet();
        one.set(cpu);
        task.cpusAllowed = one;
        task.cpu = cpu;
        boundToCpu = true;
    }

    @Override
    public void park() {
        shouldPark = true;
        if (task.state != TaskState.PARKED) {
            wakeUp();
            parked.waitForCompletion();
        }
    }

    @Override
    public void unpark() {
        shouldPark = false;
        parked.reinit();
        core.tryToWakeUp(task, true);
    }

    @Override
    public void wakeUp() {
        if (!task.started && !task.onRq) {
            core.wakeUpNewTask(task);
        } else {
            core.tryToWakeUp(task, false);
        }
    }
}
