package org.modux.hw;

import java.util.List;

/**
 * The emulated machine, as firmware describes it to the kernel: what QEMU's
 * {@code -m}, {@code -smp} and {@code -append} give a Linux guest. One instance per
 * running system, registered as a service by hw-platform.
 *
 * <p>The machine is sized from the boot command line ({@code mem=}, {@code smp=}),
 * read once at power-on; it does not change while the system runs.
 */
public interface Machine {

    /** Service property carrying the status the machine powered off with (an Integer). */
    String EXIT_STATUS = "machine.exit.status";

    /** The command line the boot loader passes to the kernel, as typed. */
    String commandLine();

    /** Number of CPUs ({@code smp=}, default 1). */
    int cpus();

    /** CPU {@code id} (0 to {@link #cpus()} - 1). */
    Cpu cpu(int id);

    /** The firmware memory map (e820 on a PC), sorted by address. */
    List<MemoryRegion> memoryMap();

    /** Bytes of usable RAM ({@code mem=}, default 256M). */
    long memorySize();

    /** The CPUs' architecture, as {@code uname -m} prints it. */
    String architecture();

    /** The machine's monotonic clock source. */
    ClockSource clock();

    /**
     * Turns the machine off: like QEMU's isa-debug-exit device, the status is what
     * the host process exits with. Returns at once; the framework stops afterwards,
     * on a thread of its own.
     */
    void powerOff(int status);
}
