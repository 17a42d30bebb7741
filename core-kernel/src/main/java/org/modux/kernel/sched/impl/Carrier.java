package org.modux.kernel.sched.impl;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The host thread that is one emulated CPU ({@code cpuN}): it runs the
 * continuations of the virtual threads of the tasks on that CPU, one at a time, so
 * whatever a task does between two hand-offs it does with the CPU to itself. When
 * nothing is left to run (the CPU's idle task has halted) the thread sleeps; a
 * submission wakes it only then (the carrier announces it sleeps, then looks at its
 * queue once more; a submitter queues, then looks whether it sleeps).
 */
final class Carrier implements Runnable {

    private final int cpu;
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final TaskExecutor executor;
    private final Thread thread;
    private volatile boolean sleeping;
    private volatile boolean running = true;
    /** The task whose continuation runs on this carrier now, if any. */
    volatile TaskStruct mounted;
    /** Continuations run, for a watchdog and for tests. */
    volatile long dispatches;

    Carrier(int cpu, TaskExecutor executor) {
        this.cpu = cpu;
        this.executor = executor;
        this.thread = Thread.ofPlatform().daemon().name("cpu" + cpu).priority(Thread.MAX_PRIORITY).unstarted(this);
    }

    void start() {
        thread.start();
    }

    void submit(Runnable continuation) {
        queue.add(continuation);
        if (sleeping) {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public void run() {
        while (running) {
            Runnable r = queue.poll();
            if (r == null) {
                sleeping = true;
                if (queue.isEmpty() && running) {
                    LockSupport.park(this);
                }
                sleeping = false;
                continue;
            }
            TaskStruct task = executor.taskOf(r);
            mounted = task;
            try {
                r.run();
            } catch (Throwable t) {
                // A continuation does not throw; the task's own code is guarded by the task.
            } finally {
                mounted = null;
                dispatches++;
            }
        }
    }

    /** Stops the carrier after what it runs now; the CPU's tasks must all have ended. */
    void stop() {
        running = false;
        LockSupport.unpark(thread);
    }

    boolean isCarrierThread(Thread t) {
        return t == thread;
    }

    @Override
    public String toString() {
        return "cpu" + cpu;
    }
}
