package org.modux.kernel.sched.impl;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * The scheduler every task's virtual thread has: it hands each continuation to the
 * carrier of the CPU its task is on ({@code task_cpu}), so moving a task to another
 * CPU is changing that number while it does not run. A continuation is known by the
 * task that started its thread; virtual threads that library code starts inside a
 * task are not tasks and run on the host's common pool.
 */
final class TaskExecutor implements Executor {

    private final Map<Runnable, TaskStruct> tasks = new ConcurrentHashMap<>();
    private final ThreadLocal<TaskStruct> starting = new ThreadLocal<>();
    private volatile Carrier[] carriers = new Carrier[0];

    void setCarriers(Carrier[] carriers) {
        this.carriers = carriers;
    }

    /** Starts {@code task}'s thread: its first continuation goes to its CPU. */
    void start(TaskStruct task) {
        starting.set(task);
        try {
            task.thread.start();
        } finally {
            starting.remove();
        }
    }

    @Override
    public void execute(Runnable continuation) {
        TaskStruct task = tasks.get(continuation);
        if (task == null) {
            task = starting.get();
            if (task == null) {
                ForkJoinPool.commonPool().execute(continuation);
                return;
            }
            tasks.put(continuation, task);
            task.continuation = continuation;
        }
        carriers[task.cpu].submit(continuation);
    }

    TaskStruct taskOf(Runnable continuation) {
        return tasks.get(continuation);
    }

    /** Forgets a task whose thread has ended. */
    void forget(TaskStruct task) {
        if (task.continuation != null) {
            tasks.remove(task.continuation);
        }
    }
}
