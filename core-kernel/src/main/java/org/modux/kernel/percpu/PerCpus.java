package org.modux.kernel.percpu;

import java.util.function.IntFunction;

/** {@code alloc_percpu} and the CPU the caller runs on. */
public interface PerCpus {

    /** {@code alloc_percpu}: {@code init} makes each CPU's instance, given the CPU. */
    <T> PerCpu<T> alloc(IntFunction<T> init);

    /** A per-CPU {@code long} with the {@code this_cpu} operations, all zero. */
    PerCpuLong allocLong();

    /** {@code nr_cpu_ids}. */
    int nrCpuIds();

    /**
     * {@code smp_processor_id()}: the calling task's CPU. Called where the task could
     * move to another CPU (preemption on, interrupts on, more than one CPU allowed) it
     * is CONFIG_DEBUG_PREEMPT's "BUG: using smp_processor_id() in preemptible code",
     * reported and answered. -1 for a thread that is no task.
     */
    int smpProcessorId();

    /** {@code raw_smp_processor_id()}: the same without the check. */
    int rawSmpProcessorId();
}
