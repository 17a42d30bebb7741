package org.modux.kernel.percpu;

/**
 * A per-CPU counter ({@code DEFINE_PER_CPU(long, ...)}) with the {@code this_cpu}
 * operations, which are safe against preemption and interrupts on their own: no
 * preempt_disable needed around them. A thread that is no task counts on CPU 0.
 */
public interface PerCpuLong {

    /** {@code this_cpu_add}. */
    void thisCpuAdd(long delta);

    /** {@code this_cpu_inc}. */
    void thisCpuInc();

    /** {@code this_cpu_read}. */
    long thisCpuRead();

    /** {@code per_cpu(var, cpu)}. */
    long perCpu(int cpu);

    /** The sum over every CPU ({@code for_each_possible_cpu}), as the /proc files show totals. */
    long sum();
}
