package org.modux.kernel.sched;

import java.util.function.IntSupplier;

/**
 * Kernel threads (Linux: kernel/kthread.c): made by {@code kthreadd} (pid 2), whose
 * children they are; a kthread's name shows in brackets in ps.
 */
public interface Kthreads {

    /**
     * {@code kthread_create}: a new kernel thread, asleep until {@link Kthread#wakeUp};
     * {@code fn} is its body and its return value the thread's exit code.
     */
    Kthread create(IntSupplier fn, String name);

    /** {@code kthread_run}: create and wake. */
    Kthread run(IntSupplier fn, String name);

    /** {@code kthread_create_on_cpu}: created bound to {@code cpu}. */
    Kthread createOnCpu(IntSupplier fn, int cpu, String name);

    /** {@code kthread_should_stop}, for the calling kthread. */
    boolean shouldStop();

    /** {@code kthread_should_park}, for the calling kthread. */
    boolean shouldPark();

    /** {@code kthread_parkme}: parks the calling kthread until unparked. */
    void parkme();
}
