package org.modux.kernel.percpu;

/** A per-CPU variable of objects ({@code DEFINE_PER_CPU(struct foo, ...)} or {@code alloc_percpu}). */
public interface PerCpu<T> {

    /**
     * {@code this_cpu_ptr}: the calling CPU's instance; the caller keeps preemption off
     * while it uses it (checked as {@link PerCpus#smpProcessorId} is). A thread that
     * is no task gets CPU 0's.
     */
    T thisCpuPtr();

    /** {@code per_cpu_ptr}: {@code cpu}'s instance. */
    T perCpuPtr(int cpu);
}
