package org.modux.hw.impl;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.felix.scr.component.ExtComponentContext;
import org.modux.hw.BootCommandLine;
import org.modux.hw.ClockSource;
import org.modux.hw.Cpu;
import org.modux.hw.Machine;
import org.modux.hw.MemoryRegion;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The PC-like machine: powered on when hw-platform starts, sized from the boot
 * command line found in the framework property {@value #CMDLINE_PROPERTY} (what the
 * launcher, our QEMU, was given). A bad {@code mem=} or {@code smp=} falls back to
 * the default; the kernel's own parameter parser reports it.
 *
 * <p>Memory map: as QEMU's PC firmware lays it out, conventional memory below the
 * EBDA, the BIOS ROM reserved, RAM from 1 MiB, and above 3 GiB the PCI hole pushes
 * the rest of RAM over 4 GiB.
 */
@Component(service = Machine.class, immediate = true)
public final class PcMachine implements Machine {

    /** Framework property holding the boot command line. */
    public static final String CMDLINE_PROPERTY = "modux.cmdline";

    static final long DEFAULT_MEM = 256L << 20;
    static final long MIN_MEM = 16L << 20;
    static final int MAX_CPUS = 256;
    private static final long LOW_MEM_END = 0x9fc00L;
    private static final long HIGH_MEM_START = 0x100000L;
    private static final long PCI_HOLE_START = 0xc0000000L;
    private static final long FOUR_GIB = 0x100000000L;

    private final String commandLine;
    private final int cpus;
    private final long memorySize;
    private final List<MemoryRegion> memoryMap;
    private final ClockSource clock;
    private final List<Cpu> cpuList;
    private final BundleContext context;
    private final ExtComponentContext componentContext;

    @Activate
    public PcMachine(ComponentContext componentContext) {
        this.context = componentContext.getBundleContext();
        this.componentContext = (ExtComponentContext) componentContext;
        String line = context.getProperty(CMDLINE_PROPERTY);
        this.commandLine = line == null ? "" : line.strip();
        this.cpus = cpusFrom(commandLine);
        this.memorySize = memoryFrom(commandLine);
        this.memoryMap = layout(memorySize);
        boolean poll = "poll".equals(BootCommandLine.valueOf(commandLine, "idle"));
        this.cpuList = IntStream.range(0, cpus).<Cpu>mapToObj(i -> new LocalApic(i, poll)).toList();
        long poweredOn = System.nanoTime();
        this.clock = new ClockSource() {
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

    static int cpusFrom(String commandLine) {
        String smp = BootCommandLine.valueOf(commandLine, "smp");
        try {
            int n = smp == null ? 1 : Integer.parseInt(smp);
            return n >= 1 && n <= MAX_CPUS ? n : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    static long memoryFrom(String commandLine) {
        String mem = BootCommandLine.valueOf(commandLine, "mem");
        try {
            long bytes = mem == null ? DEFAULT_MEM : BootCommandLine.memparse(mem);
            return bytes >= MIN_MEM ? bytes & ~0xfffL : DEFAULT_MEM;
        } catch (NumberFormatException e) {
            return DEFAULT_MEM;
        }
    }

    static List<MemoryRegion> layout(long ram) {
        List<MemoryRegion> map = new ArrayList<>();
        map.add(new MemoryRegion(0, LOW_MEM_END - 1, MemoryRegion.Type.USABLE));
        map.add(new MemoryRegion(LOW_MEM_END, 0x9ffffL, MemoryRegion.Type.RESERVED));
        map.add(new MemoryRegion(0xf0000L, 0xfffffL, MemoryRegion.Type.RESERVED));
        long belowHole = Math.min(ram, PCI_HOLE_START);
        map.add(new MemoryRegion(HIGH_MEM_START, belowHole - 1, MemoryRegion.Type.USABLE));
        map.add(new MemoryRegion(0xfffc0000L, 0xffffffffL, MemoryRegion.Type.RESERVED));
        if (ram > PCI_HOLE_START) {
            map.add(new MemoryRegion(FOUR_GIB, FOUR_GIB + (ram - PCI_HOLE_START) - 1, MemoryRegion.Type.USABLE));
        }
        return List.copyOf(map);
    }

    @Override
    public String commandLine() {
        return commandLine;
    }

    @Override
    public int cpus() {
        return cpus;
    }

    @Override
    public Cpu cpu(int id) {
        return cpuList.get(id);
    }

    @Override
    public List<MemoryRegion> memoryMap() {
        return memoryMap;
    }

    @Override
    public long memorySize() {
        return memorySize;
    }

    @Override
    public String architecture() {
        return "riscv64";
    }

    @Override
    public ClockSource clock() {
        return clock;
    }

    @Override
    public void powerOff(int status) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(EXIT_STATUS, status);
        componentContext.setServiceProperties(properties);
        Thread stopper = new Thread(() -> {
            try {
                context.getBundle(0).stop();
            } catch (BundleException | IllegalStateException e) {
                // The framework is already stopping: nothing left to switch off.
            }
        }, "power-off");
        stopper.start();
    }
}
