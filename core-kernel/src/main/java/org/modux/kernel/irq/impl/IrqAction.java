package org.modux.kernel.irq.impl;

import java.util.concurrent.atomic.AtomicBoolean;

import org.modux.kernel.irq.IrqHandler;
import org.modux.kernel.sched.Kthread;

/**
 * {@code struct irqaction} (include/linux/interrupt.h): one handler installed on a
 * line, with its irq thread if it has a thread function. Immutable once installed,
 * except the thread's flags.
 */
final class IrqAction {

    final IrqHandler handler;
    final IrqHandler threadFn;
    /** IRQF_*, as installed (the trigger filled in); set before the action is published. */
    int flags;
    final String name;
    final Object devId;
    final int irq;
    /** This action's bit in the desc's {@code threads_oneshot}; 0 without IRQF_ONESHOT. */
    long threadMask;
    /** The irq thread, or null. */
    volatile Kthread thread;
    /** {@code IRQTF_RUNTHREAD}: the primary handler asked for the thread function. */
    final AtomicBoolean runThread = new AtomicBoolean();
    /** {@code IRQTF_WARNED}: IRQ_WAKE_THREAD without a thread function was reported. */
    volatile boolean warned;
    /** The thread ended (its function threw): wake-ups are ignored, as for a PF_EXITING thread. */
    volatile boolean threadExited;

    IrqAction(int irq, IrqHandler handler, IrqHandler threadFn, int flags, String name, Object devId) {
        this.irq = irq;
        this.handler = handler;
        this.threadFn = threadFn;
        this.flags = flags;
        this.name = name;
        this.devId = devId;
    }

    /** The name /proc/interrupts and the kthread use; Linux prints "(null)" for none. */
    String procName() {
        return name == null ? "(null)" : name;
    }

    @Override
    public String toString() {
        return "irq " + irq + " action " + name;
    }
}
