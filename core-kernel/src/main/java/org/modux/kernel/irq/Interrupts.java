package org.modux.kernel.irq;

import java.util.BitSet;

import org.modux.uapi.ErrnoException;

/**
 * Interrupt lines for drivers (Linux: include/linux/interrupt.h, kernel/irq/manage.c).
 * Lines are the machine interrupt controller's, numbered as Linux numbers irqs on a
 * PC. The constants have Linux's names and values.
 */
public interface Interrupts {

    /** {@code irqreturn_t}: the device did not interrupt. */
    int IRQ_NONE = 0;
    /** The handler dealt with its device's interrupt. */
    int IRQ_HANDLED = 1;
    /** The primary handler asks for the thread function to run. */
    int IRQ_WAKE_THREAD = 2;

    /** Trigger the line as: rising edge. */
    int IRQF_TRIGGER_RISING = 0x00000001;
    /** Falling edge (polarity is not modelled: an edge line). */
    int IRQF_TRIGGER_FALLING = 0x00000002;
    /** Level, active high. */
    int IRQF_TRIGGER_HIGH = 0x00000004;
    /** Level, active low (polarity is not modelled: a level line). */
    int IRQF_TRIGGER_LOW = 0x00000008;
    /** The trigger bits. */
    int IRQF_TRIGGER_MASK = IRQF_TRIGGER_HIGH | IRQF_TRIGGER_LOW | IRQF_TRIGGER_RISING | IRQF_TRIGGER_FALLING;
    /** The line may be shared with other handlers that all say so. */
    int IRQF_SHARED = 0x00000080;
    /** Do not log a flags mismatch when sharing fails. */
    int IRQF_PROBE_SHARED = 0x00000100;
    /** A per-CPU interrupt. */
    int IRQF_PERCPU = 0x00000400;
    /** Keep the line out of irq balancing. */
    int IRQF_NOBALANCING = 0x00000800;
    /** The line stays masked until the thread function has run. */
    int IRQF_ONESHOT = 0x00002000;
    /** Never thread the handler (forced threading). */
    int IRQF_NO_THREAD = 0x00010000;
    /** Used with IRQF_SHARED only: suspend behaviour. */
    int IRQF_COND_SUSPEND = 0x00040000;
    /** Do not enable the line at request time; {@link #enableIrq} does. */
    int IRQF_NO_AUTOEN = 0x00080000;
    /** Take IRQF_ONESHOT from the handlers already on a shared line. */
    int IRQF_COND_ONESHOT = 0x00200000;

    /**
     * {@code request_irq}: installs {@code handler} on line {@code irq} and enables the
     * line if it is the first handler. {@code name} is what /proc/interrupts shows;
     * {@code devId} identifies this handler for {@link #freeIrq} and is passed to it.
     *
     * @throws ErrnoException EINVAL for no handler, a line that does not exist, or
     *         IRQF_SHARED without a devId; EBUSY if the line is in use and either
     *         side did not ask to share, or they disagree on trigger or ONESHOT
     */
    void requestIrq(int irq, IrqHandler handler, int flags, String name, Object devId) throws ErrnoException;

    /**
     * {@code request_threaded_irq}: as {@link #requestIrq}, with {@code threadFn} run in
     * a kernel thread "irq/IRQ-NAME" (SCHED_FIFO 50) when {@code handler} returns
     * IRQ_WAKE_THREAD. A null {@code handler} always wakes the thread; then
     * IRQF_ONESHOT is required on an IO-APIC line (EINVAL without).
     */
    void requestThreadedIrq(int irq, IrqHandler handler, IrqHandler threadFn, int flags, String name, Object devId)
            throws ErrnoException;

    /**
     * {@code free_irq}: removes the handler of {@code devId} from line {@code irq},
     * waits until no handler of the line runs and its thread has stopped, and shuts
     * the line down if it was the last. Returns the name given at request, or null
     * (with a warning) if no such handler is installed. Must not be called from a handler.
     */
    String freeIrq(int irq, Object devId);

    /**
     * {@code disable_irq}: disables the line, nesting (each call needs an
     * {@link #enableIrq}), and waits until no handler of it runs anywhere.
     */
    void disableIrq(int irq);

    /** {@code disable_irq_nosync}: as {@link #disableIrq} without waiting; usable in a handler. */
    void disableIrqNosync(int irq);

    /**
     * {@code enable_irq}: undoes one disable; the last one enables the line, and an
     * edge that arrived while it was disabled is delivered again. An enable without a
     * disable is warned about ("Unbalanced enable for IRQ N").
     */
    void enableIrq(int irq);

    /** {@code synchronize_irq}: waits until no handler and no thread function of the line runs. */
    void synchronizeIrq(int irq);

    /**
     * {@code irq_set_affinity}: the CPUs the line may be delivered to.
     *
     * @throws ErrnoException EINVAL for a line that does not exist or a set with no CPU online
     */
    void irqSetAffinity(int irq, BitSet cpus) throws ErrnoException;

    /** {@code kstat_irqs_cpu}: interrupts of line {@code irq} handled on {@code cpu}. */
    long kstatIrqsCpu(int irq, int cpu);
}
