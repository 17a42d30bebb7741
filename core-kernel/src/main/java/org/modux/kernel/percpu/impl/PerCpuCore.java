package org.modux.kernel.percpu.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.IntFunction;

import org.modux.kernel.percpu.PerCpu;
import org.modux.kernel.percpu.PerCpuLong;
import org.modux.kernel.percpu.PerCpus;
import org.modux.kernel.sched.impl.SchedCore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Per-CPU data on the machine's CPUs. Objects are an array indexed by CPU; a
 * counter keeps each CPU's value on its own cache line, updated with an atomic add
 * (the CPU's own code and a host thread counting on CPU 0 may meet there).
 */
@Component(service = {PerCpus.class, PerCpuCore.class})
public final class PerCpuCore implements PerCpus {

    /** Longs per CPU slot: 64 bytes, a cache line. */
    private static final int STRIDE = 8;
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

    private final SchedCore core;
    private final int nrCpus;

    @Activate
    public PerCpuCore(@Reference SchedCore core) {
        this.core = core;
        this.nrCpus = core.nrCpus();
    }

    @Override
    public <T> PerCpu<T> alloc(IntFunction<T> init) {
        Object[] slots = new Object[nrCpus];
        for (int cpu = 0; cpu < nrCpus; cpu++) {
            slots[cpu] = init.apply(cpu);
        }
        return new PerCpu<T>() {
            @Override
            @SuppressWarnings("unchecked")
            public T thisCpuPtr() {
                return (T) slots[Math.max(0, smpProcessorId())];
            }

            @Override
            @SuppressWarnings("unchecked")
            public T perCpuPtr(int cpu) {
                return (T) slots[cpu];
            }
        };
    }

    @Override
    public PerCpuLong allocLong() {
        long[] values = new long[nrCpus * STRIDE];
        return new PerCpuLong() {
            private int slot() {
                return Math.max(0, core.smpProcessorId()) * STRIDE;
            }

            @Override
            public void thisCpuAdd(long delta) {
                LONGS.getAndAdd(values, slot(), delta);
            }

            @Override
            public void thisCpuInc() {
                LONGS.getAndAdd(values, slot(), 1L);
            }

            @Override
            public long thisCpuRead() {
                return (long) LONGS.getOpaque(values, slot());
            }

            @Override
            public long perCpu(int cpu) {
                return (long) LONGS.getOpaque(values, cpu * STRIDE);
            }

            @Override
            public long sum() {
                long s = 0;
                for (int cpu = 0; cpu < nrCpus; cpu++) {
                    s += perCpu(cpu);
                }
                return s;
            }
        };
    }

    @Override
    public int nrCpuIds() {
        return nrCpus;
    }

    @Override
    public int smpProcessorId() {
        return core.debugSmpProcessorId();
    }

    @Override
    public int rawSmpProcessorId() {
        return core.smpProcessorId();
    }
}
