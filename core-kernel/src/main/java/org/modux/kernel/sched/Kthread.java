package org.modux.kernel.sched;

/** A kernel thread made by {@link Kthreads}: its task and the controls of include/linux/kthread.h. */
public interface Kthread {

    /** The thread's task. */
    Task task();

    /**
     * {@code kthread_stop}: asks the thread to stop (its {@link Kthreads#shouldStop}
     * turns true), wakes it and waits until it has returned; the thread function's
     * result.
     */
    int stop();

    /** {@code kthread_bind}: pins a thread not yet woken to {@code cpu}. */
    void bind(int cpu);

    /** {@code kthread_park}: asks the thread to park and waits until it has. */
    void park();

    /** {@code kthread_unpark}. */
    void unpark();

    /** {@code wake_up_process} of the thread: a thread made by {@link Kthreads#create} starts. */
    void wakeUp();
}
