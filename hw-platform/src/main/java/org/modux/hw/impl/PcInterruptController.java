package org.modux.hw.impl;

import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;

import org.modux.hw.Cpu;
import org.modux.hw.Machine;
import org.modux.hw.irq.InterruptController;
import org.modux.hw.irq.IrqLine;
import org.modux.hw.irq.Trigger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The PC's interrupt fabric: one IO-APIC with 24 pins, MSI lines allocated on
 * demand, and the local APICs' interrupt command register for IPIs. The table of
 * lines lives here; each line's state machine (trigger, mask, remote IRR, affinity)
 * is an {@link InterruptLine}. The CPUs that receive the vectors are the machine's
 * {@link Cpu}s; the per-CPU timers are {@link LapicTimers}.
 *
 * <p>Pin wiring: QEMU's PC (hw/intc/ioapic.c) and its firmware's interrupt source
 * override put ISA irq 0, the timer, on pin 2; irq 2, the 8259 cascade on a PIC
 * machine, takes pin 0, where a PC's ExtINT arrives (nothing raises it here).
 *
 * <p>Lock: {@code msiLock} serialises MSI allocation and freeing; lookups read the
 * line table without it.
 */
@Component(service = InterruptController.class)
public final class PcInterruptController implements InterruptController {

    private static final int NR_SYSTEM_VECTORS = Cpu.NR_VECTORS - Cpu.LOCAL_TIMER_VECTOR;

    private final List<Cpu> cpus;
    private final AtomicReferenceArray<InterruptLine> lines = new AtomicReferenceArray<>(NR_IRQS);
    private final AtomicLongArray ipis;
    private final ReentrantLock msiLock = new ReentrantLock();
    private volatile int nrIrqs = NR_IOAPIC_PINS;

    @Activate
    public PcInterruptController(@Reference Machine machine) {
        this(IntStream.range(0, machine.cpus()).mapToObj(machine::cpu).toList());
    }

    PcInterruptController(List<Cpu> cpus) {
        this.cpus = List.copyOf(cpus);
        this.ipis = new AtomicLongArray(cpus.size() * NR_SYSTEM_VECTORS);
        for (int irq = 0; irq < NR_IOAPIC_PINS; irq++) {
            Trigger trigger = irq < NR_LEGACY_IRQS ? Trigger.EDGE : Trigger.LEVEL;
            lines.set(irq, new InterruptLine(irq, IOAPIC_CHIP, pinOf(irq), trigger, false, this.cpus));
        }
    }

    /** The IO-APIC pin of a fixed line: ISA irq 0 and irq 2 swap pins (the MADT override). */
    static int pinOf(int irq) {
        return switch (irq) {
            case 0 -> 2;
            case 2 -> 0;
            default -> irq;
        };
    }

    private InterruptLine lineOf(int irq) {
        InterruptLine line = irq >= 0 && irq < NR_IRQS ? lines.get(irq) : null;
        if (line == null) {
            throw new IllegalArgumentException("no irq " + irq);
        }
        return line;
    }

    @Override
    public int cpus() {
        return cpus.size();
    }

    @Override
    public int nrIrqs() {
        return nrIrqs;
    }

    @Override
    public boolean exists(int irq) {
        return irq >= 0 && irq < NR_IRQS && lines.get(irq) != null;
    }

    @Override
    public int vector(int irq) {
        return lineOf(irq).vector;
    }

    @Override
    public String chipName(int irq) {
        return lineOf(irq).chipName;
    }

    @Override
    public int hwirq(int irq) {
        return lineOf(irq).hwirq;
    }

    @Override
    public Trigger trigger(int irq) {
        return lineOf(irq).trigger();
    }

    @Override
    public void setTrigger(int irq, Trigger trigger) {
        lineOf(irq).setTrigger(trigger);
    }

    @Override
    public IrqLine line(int irq) {
        return lineOf(irq).connect();
    }

    @Override
    public void mask(int irq) {
        lineOf(irq).mask();
    }

    @Override
    public void unmask(int irq) {
        lineOf(irq).unmask();
    }

    @Override
    public boolean isMasked(int irq) {
        return lineOf(irq).isMasked();
    }

    @Override
    public boolean isAsserted(int irq) {
        return lineOf(irq).isAsserted();
    }

    @Override
    public boolean remoteIrr(int irq) {
        return lineOf(irq).remoteIrr();
    }

    @Override
    public void setAffinity(int irq, BitSet cpuSet) {
        lineOf(irq).setAffinity(cpuSet);
    }

    @Override
    public BitSet affinity(int irq) {
        return lineOf(irq).affinity();
    }

    @Override
    public void eoi(int irq) {
        lineOf(irq).eoi();
    }

    @Override
    public void retrigger(int irq) {
        lineOf(irq).retrigger();
    }

    @Override
    public long count(int irq, int cpu) {
        checkCpu(cpu);
        return lineOf(irq).count(cpu);
    }

    @Override
    public int allocateMsi(String chipName, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("MSI count " + count);
        }
        msiLock.lock();
        try {
            int first = findFreeRangeLocked(count);
            if (first < 0) {
                return -1;
            }
            for (int i = 0; i < count; i++) {
                lines.set(first + i, new InterruptLine(first + i, chipName, i, Trigger.EDGE, true, cpus));
            }
            nrIrqs = Math.max(nrIrqs, first + count);
            return first;
        } finally {
            msiLock.unlock();
        }
    }

    /** The lowest irq from which {@code count} lines are free, or -1. Caller holds msiLock. */
    private int findFreeRangeLocked(int count) {
        int run = 0;
        for (int irq = NR_IOAPIC_PINS; irq < NR_IRQS; irq++) {
            run = lines.get(irq) == null ? run + 1 : 0;
            if (run == count) {
                return irq - count + 1;
            }
        }
        return -1;
    }

    @Override
    public void freeMsi(int firstIrq, int count) {
        msiLock.lock();
        try {
            for (int irq = firstIrq; irq < firstIrq + count; irq++) {
                if (!lineOf(irq).msi) {
                    throw new IllegalArgumentException("irq " + irq + " is not an MSI line");
                }
            }
            for (int irq = firstIrq; irq < firstIrq + count; irq++) {
                lines.getAndSet(irq, null).free();
            }
            int top = NR_IRQS;
            while (top > NR_IOAPIC_PINS && lines.get(top - 1) == null) {
                top--;
            }
            nrIrqs = top;
        } finally {
            msiLock.unlock();
        }
    }

    @Override
    public void sendIpi(int cpu, int vector) {
        checkCpu(cpu);
        int slot = ipiSlot(cpu, vector);
        ipis.incrementAndGet(slot);
        cpus.get(cpu).raise(vector);
    }

    @Override
    public void sendIpiAll(int vector) {
        sendIpiAllButSelf(-1, vector);
    }

    @Override
    public void sendIpiAllButSelf(int self, int vector) {
        ipiSlot(0, vector);
        for (int cpu = 0; cpu < cpus.size(); cpu++) {
            if (cpu != self) {
                sendIpi(cpu, vector);
            }
        }
    }

    @Override
    public long ipiCount(int cpu, int vector) {
        checkCpu(cpu);
        return ipis.get(ipiSlot(cpu, vector));
    }

    /** The counter of {@code vector} on {@code cpu}; IllegalArgumentException for a non-system vector. */
    private int ipiSlot(int cpu, int vector) {
        if (vector < Cpu.LOCAL_TIMER_VECTOR || vector >= Cpu.NR_VECTORS) {
            throw new IllegalArgumentException("vector 0x" + Integer.toHexString(vector) + " is not a system vector");
        }
        return cpu * NR_SYSTEM_VECTORS + vector - Cpu.LOCAL_TIMER_VECTOR;
    }

    private void checkCpu(int cpu) {
        if (cpu < 0 || cpu >= cpus.size()) {
            throw new IllegalArgumentException("no CPU " + cpu);
        }
    }
}
