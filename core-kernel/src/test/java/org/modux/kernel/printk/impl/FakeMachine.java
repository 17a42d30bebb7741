package org.modux.kernel.printk.impl;

import java.util.List;

import org.modux.hw.ClockSource;
import org.modux.hw.Machine;
import org.modux.hw.MemoryRegion;

/** A machine with a given command line and a clock the test sets by hand. */
public final class FakeMachine implements Machine {

    private final String commandLine;
    private volatile long nanos = 5_000_000_000L;

    public FakeMachine(String commandLine) {
        this.commandLine = commandLine;
    }

    /** Moves the clock to {@code sinceBoot} ns after the kernel log activated (which happens at 5 s). */
    public void setSinceBoot(long sinceBoot) {
        nanos = 5_000_000_000L + sinceBoot;
    }

    @Override
    public String commandLine() {
        return commandLine;
    }

    @Override
    public int cpus() {
        return 1;
    }

    @Override
    public org.modux.hw.Cpu cpu(int id) {
        throw new UnsupportedOperationException("the printk tests run on no CPU");
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
        return "x86_64";
    }

    @Override
    public ClockSource clock() {
        return new ClockSource() {
            @Override
            public String name() {
                return "fake";
            }

            @Override
            public long readNanos() {
                return nanos;
            }
        };
    }

    @Override
    public void powerOff(int status) {
        throw new UnsupportedOperationException();
    }
}
