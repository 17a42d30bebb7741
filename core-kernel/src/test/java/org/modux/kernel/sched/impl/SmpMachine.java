package org.modux.kernel.sched.impl;

import java.util.List;
import java.util.stream.IntStream;

import org.modux.hw.ClockSource;
import org.modux.hw.Cpu;
import org.modux.hw.Machine;
import org.modux.hw.MemoryRegion;
import org.modux.hw.impl.LocalApic;

/** A machine with {@code n} CPUs (the hardware's own local APICs) and the host's monotonic clock. */
public final class SmpMachine implements Machine {

    private final List<Cpu> cpus;
    private final boolean poll;
    private final long poweredOn = System.nanoTime();

    public SmpMachine(int n) {
        this(n, false);
    }

    /** With {@code poll}, as {@code idle=poll} on the command line: halted CPUs spin. */
    public SmpMachine(int n, boolean poll) {
        this.poll = poll;
        cpus = IntStream.range(0, n).<Cpu>mapToObj(i -> new LocalApic(i, poll)).toList();
    }

    @Override
    public String commandLine() {
        return "smp=" + cpus.size() + (poll ? " idle=poll" : "");
    }

    @Override
    public int cpus() {
        return cpus.size();
    }

    @Override
    public Cpu cpu(int id) {
        return cpus.get(id);
    }

    @Override
    public List<MemoryRegion> memoryMap() {
        return List.of();
    }

    @Override
    public long memorySize() {
        return 256L << 20;
    }

    @Override
    public String architecture() {
        return "riscv64";
    }

    @Override
    public ClockSource clock() {
        return new ClockSource() {
            @Override
            public String name() {
                return "hostmono";
            }

            @Override
            public long readNanos() {
                return System.nanoTime() - poweredOn;
            }
        };
    }

    @Override
    public void powerOff(int status) {
        throw new UnsupportedOperationException("powerOff");
    }
}
