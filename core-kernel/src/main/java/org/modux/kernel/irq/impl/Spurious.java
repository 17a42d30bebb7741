package org.modux.kernel.irq.impl;

import static org.modux.kernel.irq.Interrupts.IRQ_HANDLED;
import static org.modux.kernel.irq.Interrupts.IRQ_NONE;
import static org.modux.kernel.irq.Interrupts.IRQ_WAKE_THREAD;

import org.modux.hw.ClockSource;
import org.modux.kernel.printk.Printk;
import org.modux.kernel.sched.Scheduler;
import org.modux.kernel.sched.Task;

/**
 * The stuck-interrupt detector (Linux: kernel/irq/spurious.c, {@code note_interrupt}
 * and {@code __report_bad_irq}): a line whose handlers say IRQ_NONE for more than
 * 99,900 of 100,000 interrupts, each unhandled one within 100 ms of the previous, is
 * reported with Linux's words and disabled. A thread function's result counts one
 * interrupt late, as Linux's deferred detection does. Called by the flow handler
 * with IRQD_IRQ_INPROGRESS set, so the counters in the desc need no lock; disabling
 * the line is left to the caller, under the desc's lock. Not modelled: irqpoll and
 * irqfixup, and the timer that polls a disabled line afterwards.
 */
final class Spurious {

    /** {@code SPURIOUS_DEFERRED}: bit 31 of threads_handled_last. */
    private static final int SPURIOUS_DEFERRED = 0x80000000;
    /** {@code HZ/10}: unhandled interrupts further apart than this start the count again. */
    private static final long UNHANDLED_WINDOW_NANOS = 100_000_000L;

    private final Printk log;
    private final Scheduler sched;
    private final ClockSource clock;
    /** {@code report_bad_irq}'s budget: bogus return values are reported 100 times at most. */
    private int badReports = 100;

    Spurious(Printk log, Scheduler sched, ClockSource clock) {
        this.log = log;
        this.sched = sched;
        this.clock = clock;
    }

    /** {@code bad_action_ret}. */
    private static boolean badActionRet(int ret) {
        return Integer.compareUnsigned(ret, IRQ_HANDLED | IRQ_WAKE_THREAD) > 0;
    }

    /**
     * {@code note_interrupt}: counts one interrupt of {@code desc} whose handlers
     * returned {@code actionRet} (OR-ed). Returns true if the line is stuck and must be
     * disabled now; the report is already in the log.
     */
    boolean noteInterrupt(IrqDesc desc, int actionRet) {
        if (badActionRet(actionRet)) {
            if (badReports > 0) {
                badReports--;
                reportBadIrq(desc, actionRet);
            }
            return false;
        }
        if ((actionRet & IRQ_WAKE_THREAD) != 0) {
            if (actionRet == IRQ_WAKE_THREAD) {
                if ((desc.threadsHandledLast & SPURIOUS_DEFERRED) == 0) {
                    desc.threadsHandledLast |= SPURIOUS_DEFERRED;
                    return false;
                }
                int handled = desc.threadsHandled.get() | SPURIOUS_DEFERRED;
                if (handled != desc.threadsHandledLast) {
                    actionRet = IRQ_HANDLED;
                    desc.threadsHandledLast = handled;
                } else {
                    actionRet = IRQ_NONE;
                }
            } else {
                desc.threadsHandledLast &= ~SPURIOUS_DEFERRED;
            }
        }
        if (actionRet == IRQ_NONE) {
            long now = clock.readNanos();
            if (now - desc.lastUnhandledNanos > UNHANDLED_WINDOW_NANOS) {
                desc.irqsUnhandled = 1;
            } else {
                desc.irqsUnhandled++;
            }
            desc.lastUnhandledNanos = now;
        }
        if (desc.irqsUnhandled == 0) {
            return false;
        }
        if (++desc.irqCount < 100_000) {
            return false;
        }
        desc.irqCount = 0;
        boolean stuck = desc.irqsUnhandled > 99_900;
        if (stuck) {
            reportBadIrq(desc, actionRet);
            log.prEmerg("Disabling IRQ #%d", desc.irq);
        }
        desc.irqsUnhandled = 0;
        return stuck;
    }

    /** {@code __report_bad_irq}: the message, the stack, and each handler of the line. */
    private void reportBadIrq(IrqDesc desc, int actionRet) {
        if (badActionRet(actionRet)) {
            log.prErr("irq event %d: bogus return value %x", desc.irq, actionRet);
        } else {
            log.prErr("irq %d: nobody cared (try booting with the \"irqpoll\" option)", desc.irq);
        }
        dumpStack();
        log.prErr("handlers:");
        for (IrqAction action : desc.actions) {
            if (action.threadFn != null) {
                log.prErr("[<%s>] %s threaded [<%s>] %s", pointer(action.handler), symbol(action.handler),
                        pointer(action.threadFn), symbol(action.threadFn));
            } else {
                log.prErr("[<%s>] %s", pointer(action.handler), symbol(action.handler));
            }
        }
    }

    /** {@code dump_stack} from the interrupted task, as far as Java shows it. */
    private void dumpStack() {
        Task t = sched.current().orElse(null);
        if (t != null) {
            log.prErr("CPU: %d UID: 0 PID: %d Comm: %s", t.cpu(), t.pid(), t.comm());
        }
        log.prErr("Call Trace:");
        log.prErr(" <IRQ>");
        StackTraceElement[] frames = new Throwable().getStackTrace();
        for (int i = 2; i < frames.length; i++) {
            log.prErr(" %s", frames[i]);
        }
        log.prErr(" </IRQ>");
    }

    /** {@code %p}: Linux prints a hashed pointer, 16 hex digits; the identity hash plays it. */
    static String pointer(Object handler) {
        return String.format("%016x", System.identityHashCode(handler));
    }

    /** {@code %ps}: the handler's class, without the hidden-class suffix a lambda's name has. */
    static String symbol(Object handler) {
        String name = handler.getClass().getName();
        int slash = name.indexOf('/');
        return slash < 0 ? name : name.substring(0, slash);
    }
}
