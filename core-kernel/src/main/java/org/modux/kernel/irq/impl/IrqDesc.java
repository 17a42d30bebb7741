package org.modux.kernel.irq.impl;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;

import org.modux.hw.irq.InterruptController;
import org.modux.hw.irq.Trigger;
import org.modux.kernel.sched.WaitQueueHead;
import org.modux.kernel.sched.impl.RawSpinlock;

/**
 * {@code struct irq_desc} (include/linux/irqdesc.h) for one line of the machine's
 * interrupt controller, with the chip operations genirq does on it
 * (kernel/irq/chip.c: {@code irq_startup}, {@code irq_shutdown}, {@code irq_enable},
 * the lazy {@code irq_disable}, {@code mask_irq}, {@code unmask_irq},
 * {@code mask_ack_irq}; kernel/irq/resend.c: {@code check_irq_resend}). The
 * controller is the line's irq_chip: IO-APIC lines ack through the local APIC (a
 * no-op for the controller) and EOI through {@code eoi}, MSI lines are one-shot safe.
 * The flow handlers that use these are in {@link Genirq}.
 *
 * <p>Locks: {@code requestMutex} (a sleeping mutex, {@code request_mutex}) serialises
 * request and free; {@code lock} ({@code desc->lock}, a raw spinlock) guards every
 * field below it. Methods named {@code ...Locked} expect the caller to hold
 * {@code lock}. {@code actions} is replaced, never changed, so a running flow handler
 * walks it without the lock while {@code inProgress} keeps free_irq waiting.
 */
final class IrqDesc {

    /** {@code IRQS_PENDING}: an interrupt came while the line could not be handled. */
    static final int IRQS_PENDING = 0x200;
    /** {@code IRQS_REPLAY}: a resend was triggered and not yet handled. */
    static final int IRQS_REPLAY = 0x40;
    /** {@code IRQS_ONESHOT}: the line's handlers asked for IRQF_ONESHOT. */
    static final int IRQS_ONESHOT = 0x20;
    /** {@code IRQS_SPURIOUS_DISABLED}: the spurious detector or an oops disabled it. */
    static final int IRQS_SPURIOUS_DISABLED = 0x02;

    private static final IrqAction[] NONE = new IrqAction[0];

    final int irq;
    final InterruptController chip;
    final RawSpinlock lock = new RawSpinlock();
    final ReentrantLock requestMutex = new ReentrantLock();
    /** {@code kstat_irqs}: per CPU, written only by that CPU's flow handler. */
    final AtomicLongArray kstat;
    /** {@code threads_active}: woken irq threads not yet done. */
    final AtomicInteger threadsActive = new AtomicInteger();
    /** {@code threads_handled}: thread functions that returned IRQ_HANDLED. */
    final AtomicInteger threadsHandled = new AtomicInteger();
    /** {@code wait_for_threads}: synchronize_irq waits here for threadsActive to reach 0. */
    final WaitQueueHead waitForThreads;

    volatile IrqAction[] actions = NONE;
    /** {@code IRQD_IRQ_INPROGRESS}: a flow handler runs the actions now. */
    volatile boolean inProgress;
    int istate;
    /** {@code depth}: nested disables; 1 while shut down (no handler). */
    int depth = 1;
    /** {@code IRQD_IRQ_DISABLED}. */
    boolean disabled = true;
    /** {@code IRQD_IRQ_MASKED}: what genirq last told the chip. */
    boolean masked = true;
    /** {@code IRQD_IRQ_STARTED}. */
    boolean started;
    /** The flow: handle_fasteoi_irq for level lines, handle_edge_irq for edge lines. */
    volatile boolean level;
    /** {@code threads_oneshot}: oneshot threads woken and not yet finished. */
    long threadsOneshot;
    /** The spurious detector's state (note_interrupt), touched only by the flow handler. */
    int irqCount;
    int irqsUnhandled;
    long lastUnhandledNanos;
    int threadsHandledLast;
    /** Set by a handler that threw; the flow handler disables the line. */
    volatile boolean oopsed;

    IrqDesc(int irq, InterruptController chip, int cpus, WaitQueueHead waitForThreads) {
        this.irq = irq;
        this.chip = chip;
        this.kstat = new AtomicLongArray(cpus);
        this.waitForThreads = waitForThreads;
        this.level = chip.exists(irq) && chip.trigger(irq) == Trigger.LEVEL;
    }

    /** Whether the chip is the IO-APIC; MSI chips are IRQCHIP_ONESHOT_SAFE. */
    boolean isOneshotSafe() {
        return !InterruptController.IOAPIC_CHIP.equals(chip.chipName(irq));
    }

    boolean hasAction() {
        return actions.length > 0;
    }

    /** {@code kstat_incr_irqs_this_cpu}. */
    void kstatIncr(int cpu) {
        kstat.setRelease(cpu, kstat.getPlain(cpu) + 1);
    }

    long kstatCpu(int cpu) {
        return kstat.getAcquire(cpu);
    }

    void setActionsLocked(IrqAction[] next) {
        actions = next.length == 0 ? NONE : next;
    }

    /** {@code mask_irq}. */
    void maskLocked() {
        if (!masked) {
            chip.mask(irq);
            masked = true;
        }
    }

    /** {@code unmask_irq}. */
    void unmaskLocked() {
        if (masked) {
            chip.unmask(irq);
            masked = false;
        }
    }

    /** {@code irq_ack}: for IO-APIC edge lines the local APIC's EOI, which the controller does in {@code eoi}. */
    void ackLocked() {
        chip.eoi(irq);
    }

    /** {@code irq_eoi}: the IO-APIC's EOI of a level line (clears its remote IRR). */
    void eoiLocked() {
        chip.eoi(irq);
    }

    /** {@code mask_ack_irq}. */
    void maskAckLocked() {
        maskLocked();
        ackLocked();
    }

    /** {@code irq_startup}: depth 0, enabled and unmasked, then a pending edge is resent. */
    void startupLocked(boolean resend) {
        depth = 0;
        started = true;
        enableLocked();
        if (resend) {
            checkResendLocked();
        }
    }

    /** {@code irq_shutdown}: disabled and masked, depth 1. */
    void shutdownLocked() {
        depth = 1;
        disabled = true;
        started = false;
        maskLocked();
    }

    /** {@code irq_enable}. */
    void enableLocked() {
        disabled = false;
        unmaskLocked();
    }

    /**
     * {@code irq_disable}, lazy as Linux's default: the line is only marked disabled;
     * an interrupt that still arrives is then masked by the flow handler and marked
     * pending, so that enable resends it.
     */
    void disableLocked() {
        disabled = true;
    }

    /** {@code __disable_irq}. */
    void nestDisableLocked() {
        if (depth++ == 0) {
            disableLocked();
        }
    }

    /**
     * {@code check_irq_resend}: an edge that came while the line could not take it is
     * delivered again by the chip ({@code irq_retrigger}). Level lines are not
     * resent: the hardware delivers them again while they are asserted.
     */
    void checkResendLocked() {
        if (level) {
            istate &= ~IRQS_PENDING;
            return;
        }
        if ((istate & IRQS_REPLAY) != 0 || (istate & IRQS_PENDING) == 0) {
            return;
        }
        istate &= ~IRQS_PENDING;
        chip.retrigger(irq);
        istate |= IRQS_REPLAY;
    }
}
