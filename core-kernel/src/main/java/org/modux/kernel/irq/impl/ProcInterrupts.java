package org.modux.kernel.irq.impl;

import org.modux.fs.proc.ProcFs;
import org.modux.fs.proc.SeqFile;
import org.modux.hw.ClockEvents;
import org.modux.hw.Cpu;
import org.modux.hw.irq.InterruptController;
import org.modux.kernel.sched.impl.SchedCore;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * /proc/interrupts (proc(5); Linux: kernel/irq/proc.c {@code show_interrupts},
 * arch/x86/kernel/irq.c {@code arch_show_interrupts}): a header of CPU columns, then
 * one row per line that has a handler: the irq, its count on each CPU, the chip, the
 * hwirq with the flow's name, and the handlers' names; then the architecture's rows
 * for the system vectors, and ERR and MIS. The first column's width
 * ({@code prec}) grows with the number of irqs, as Linux's does.
 */
@Component
public final class ProcInterrupts {

    /** How a per-CPU row of arch_show_interrupts counts. */
    @FunctionalInterface
    private interface PerCpu {
        long count(int cpu);
    }

    /** One row of arch_show_interrupts. */
    private record ArchRow(String name, PerCpu count, String description) {
    }

    private final Genirq genirq;
    private final InterruptController chip;
    /**
     * The x86 rows this machine's kernel prints, in Linux's order. Rows for hardware
     * not modelled (NMI, spurious and performance-monitoring vectors, IRQ work, ICR
     * retries, thermal events) count 0, as Linux's do on a machine that never sees
     * them; rows Linux prints only for a hypervisor callback vector or KVM (HYP, PIN,
     * NPI, PIW) are left out, as on bare metal without KVM.
     */
    private final ArchRow[] archRows;

    @Activate
    public ProcInterrupts(@Reference ProcFs proc, @Reference Genirq genirq, @Reference InterruptController chip,
            @Reference ClockEvents clockEvents, @Reference SchedCore sched) throws ErrnoException {
        this.genirq = genirq;
        this.chip = chip;
        this.archRows = new ArchRow[] {
            new ArchRow("NMI", cpu -> 0, "Non-maskable interrupts"),
            new ArchRow("LOC", cpu -> clockEvents.device(cpu).events(), "Local timer interrupts"),
            new ArchRow("SPU", cpu -> 0, "Spurious interrupts"),
            new ArchRow("PMI", cpu -> 0, "Performance monitoring interrupts"),
            new ArchRow("IWI", cpu -> 0, "IRQ work interrupts"),
            new ArchRow("RTR", cpu -> 0, "APIC ICR read retries"),
            // Taken by the receiving CPU, as Linux's irq_resched_count (the scheduler raises it directly).
            new ArchRow("RES", cpu -> sched.vectorCount(cpu, Cpu.RESCHEDULE_VECTOR), "Rescheduling interrupts"),
            new ArchRow("CAL", cpu -> chip.ipiCount(cpu, Cpu.CALL_FUNCTION_VECTOR), "Function call interrupts"),
            new ArchRow("TLB", cpu -> chip.ipiCount(cpu, Cpu.TLB_VECTOR), "TLB shootdowns"),
            new ArchRow("TRM", cpu -> 0, "Thermal event interrupts"),
        };
        proc.createSingle("interrupts", this::show);
    }

    void show(SeqFile m) {
        int nrIrqs = chip.nrIrqs();
        int cpus = chip.cpus();
        int prec = 3;
        for (int j = 1000; prec < 10 && j <= nrIrqs; prec++) {
            j *= 10;
        }
        m.puts(" ".repeat(prec + 8));
        for (int cpu = 0; cpu < cpus; cpu++) {
            m.printf("CPU%-8d", cpu);
        }
        m.putc('\n');
        String irqColumn = "%" + prec + "d:";
        String hwirqColumn = " %" + prec + "d";
        for (int irq = 0; irq < nrIrqs; irq++) {
            IrqDesc desc = genirq.descOrNull(irq);
            if (desc == null) {
                continue;
            }
            IrqAction[] actions = desc.actions;
            if (actions.length == 0) {
                continue;
            }
            m.printf(irqColumn, irq);
            for (int cpu = 0; cpu < cpus; cpu++) {
                m.printf(" %10d", desc.kstatCpu(cpu));
            }
            m.putc(' ');
            m.printf("%8s", chip.chipName(irq));
            m.printf(hwirqColumn, chip.hwirq(irq));
            m.printf("-%-8s", desc.level ? "fasteoi" : "edge");
            m.printf("  %s", actions[0].procName());
            for (int i = 1; i < actions.length; i++) {
                m.printf(", %s", actions[i].procName());
            }
            m.putc('\n');
        }
        String rowName = "%" + prec + "s: ";
        for (ArchRow row : archRows) {
            m.printf(rowName, row.name());
            for (int cpu = 0; cpu < cpus; cpu++) {
                m.printf("%10d ", row.count().count(cpu));
            }
            m.puts("  ").puts(row.description()).putc('\n');
        }
        m.printf("%" + prec + "s: %10d\n", "ERR", 0);
        m.printf("%" + prec + "s: %10d\n", "MIS", 0);
    }
}
