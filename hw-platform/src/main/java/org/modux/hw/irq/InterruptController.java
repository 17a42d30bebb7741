package org.modux.hw.irq;

import java.util.BitSet;

import org.modux.hw.Cpu;

/**
 * The machine's interrupt controller, as the kernel's genirq layer drives it: what
 * Linux reaches through the IO-APIC and PCI-MSI {@code irq_chip}s and
 * {@code apic->send_IPI}. One per machine, registered as a service by hw-platform.
 *
 * <p>Lines are numbered as Linux numbers irqs on a PC: 0-15 are the ISA lines, 16-23
 * the remaining IO-APIC pins (PCI INTx), and from {@value #NR_IOAPIC_PINS} on, lines
 * allocated for MSI. Line {@code irq} arrives at a CPU as vector
 * {@code Cpu.IRQ0_VECTOR + irq}, so there are at most {@value #NR_IRQS} lines (the
 * vectors below the system vectors). ISA irq 0, the timer, is wired to IO-APIC pin 2
 * as a PC's firmware reports it (the MADT interrupt source override), and irq 2 to
 * pin 0; every other IO-APIC line's pin is its irq.
 *
 * <p>At power-on, as an IO-APIC after reset, every line is masked; ISA lines are
 * edge-triggered, PCI lines level-triggered, MSI lines edge-triggered (and stay so);
 * every line may go to every CPU. Methods taking an irq throw
 * {@link IllegalArgumentException} for an irq that does not exist.
 */
public interface InterruptController {

    /** IO-APIC pins, and so the fixed lines 0..23. */
    int NR_IOAPIC_PINS = 24;
    /** The ISA lines 0..15 (edge-triggered at power-on). */
    int NR_LEGACY_IRQS = 16;
    /** Lines the vector space has room for: vectors 0x20 up to the first system vector. */
    int NR_IRQS = Cpu.LOCAL_TIMER_VECTOR - Cpu.IRQ0_VECTOR;
    /** The chip name /proc/interrupts shows for the IO-APIC's lines. */
    String IOAPIC_CHIP = "IO-APIC";

    /** Number of CPUs the controller delivers to. */
    int cpus();

    /** One more than the highest irq that exists (Linux's {@code nr_irqs}). */
    int nrIrqs();

    /** Whether line {@code irq} exists: an IO-APIC pin or an allocated MSI line. */
    boolean exists(int irq);

    /** The vector line {@code irq} arrives as: {@code Cpu.IRQ0_VECTOR + irq}. */
    int vector(int irq);

    /** The chip name /proc/interrupts prints: {@code IO-APIC}, {@code PCI-MSI-0000:00:03.0}. */
    String chipName(int irq);

    /** The chip's own number for the line (Linux's hwirq): the IO-APIC pin, or the MSI index. */
    int hwirq(int irq);

    /** The line's trigger mode. */
    Trigger trigger(int irq);

    /**
     * Sets the trigger mode, as rewriting the redirection entry does. Going to edge
     * clears the remote IRR (as a real IO-APIC does, and Linux relies on); a level
     * line that is asserted, unmasked and not waiting for its EOI is delivered at once.
     * MSI lines are edge only: {@code LEVEL} on one throws IllegalArgumentException.
     */
    void setTrigger(int irq, Trigger trigger);

    /**
     * Returns a new connection to line {@code irq} for one device. Connections to a
     * freed MSI line stay usable but deliver nothing.
     */
    IrqLine line(int irq);

    /** Masks the line: nothing is delivered until it is unmasked. */
    void mask(int irq);

    /**
     * Unmasks the line. A level line still asserted and not waiting for its EOI is
     * delivered at once; so is an edge that arrived while the line was masked.
     */
    void unmask(int irq);

    /** Whether the line is masked. */
    boolean isMasked(int irq);

    /** Whether the line is asserted (any connection raised): Linux's IRQCHIP_STATE_LINE_LEVEL. */
    boolean isAsserted(int irq);

    /**
     * Whether a level line was delivered and waits for its EOI (the IO-APIC's remote
     * IRR; Linux's IRQCHIP_STATE_ACTIVE). Always false for edge lines.
     */
    boolean remoteIrr(int irq);

    /**
     * Sets the CPUs the line may be delivered to (Linux's {@code irq_set_affinity}).
     * Each delivery goes to one of them, in turn. Throws IllegalArgumentException if
     * {@code cpus} names no CPU of this machine; CPUs beyond the machine are ignored.
     */
    void setAffinity(int irq, BitSet cpus);

    /** A copy of the CPUs the line may be delivered to. */
    BitSet affinity(int irq);

    /**
     * End of interrupt for the line, when the kernel's handler is done ({@code irq_eoi},
     * and {@code irq_ack} for edge lines): a level line's remote IRR is cleared, and
     * the line is delivered again if still asserted and unmasked. Nothing for edge lines.
     */
    void eoi(int irq);

    /**
     * Delivers the line's vector once more to one CPU of its affinity, whatever the
     * line's state, as {@code ioapic_retrigger_irq} does for genirq's resend of an
     * interrupt that arrived while the line was disabled. Counted as a delivery.
     */
    void retrigger(int irq);

    /**
     * Interrupts of line {@code irq} delivered to {@code cpu} since power-on: the
     * per-CPU columns of /proc/interrupts ({@code kstat_irqs_cpu}). A delivery is
     * counted when the controller sends it; two that reach a CPU before it takes the
     * first merge there into one, as in a real local APIC's IRR. An MSI line
     * allocated again starts from zero.
     */
    long count(int irq, int cpu);

    /**
     * Allocates {@code count} consecutive MSI lines for one device, edge-triggered and
     * masked, with hwirqs 0..count-1 and chip name {@code chipName}
     * (as {@code PCI-MSIX-0000:00:01.0}). Returns the first irq, or -1 if the vector
     * space has no room for them (Linux's -ENOSPC).
     */
    int allocateMsi(String chipName, int count);

    /** Frees MSI lines from {@link #allocateMsi}; IllegalArgumentException for IO-APIC lines. */
    void freeMsi(int firstIrq, int count);

    /**
     * Sends inter-processor interrupt {@code vector} to {@code cpu}: the vector is
     * raised on that CPU and counted. Vectors are the system vectors, from
     * {@link Cpu#LOCAL_TIMER_VECTOR} up (reschedule, call-function, TLB shootdown,
     * timer broadcast); others throw IllegalArgumentException.
     */
    void sendIpi(int cpu, int vector);

    /** Sends {@code vector} to every CPU ({@code apic->send_IPI_all}). */
    void sendIpiAll(int vector);

    /** Sends {@code vector} to every CPU but {@code self} ({@code apic->send_IPI_allbutself}). */
    void sendIpiAllButSelf(int self, int vector);

    /**
     * IPIs of {@code vector} sent to {@code cpu} since power-on: the RES, CAL and TLB
     * rows of /proc/interrupts for the reschedule, call-function and TLB vectors.
     */
    long ipiCount(int cpu, int vector);
}
