package org.modux.kernel.irq.impl;

import static org.modux.kernel.irq.impl.IrqDesc.IRQS_ONESHOT;
import static org.modux.kernel.irq.impl.IrqDesc.IRQS_PENDING;
import static org.modux.kernel.irq.impl.IrqDesc.IRQS_REPLAY;
import static org.modux.kernel.irq.impl.IrqDesc.IRQS_SPURIOUS_DISABLED;

import java.util.Arrays;
import java.util.BitSet;

import org.modux.hw.Cpu;
import org.modux.hw.Machine;
import org.modux.hw.irq.InterruptController;
import org.modux.hw.irq.Trigger;
import org.modux.kernel.impl.Taints;
import org.modux.kernel.irq.Interrupts;
import org.modux.kernel.irq.IrqHandler;
import org.modux.kernel.printk.Printk;
import org.modux.kernel.sched.Kthread;
import org.modux.kernel.sched.SchedPolicy;
import org.modux.kernel.sched.TaskState;
import org.modux.kernel.sched.impl.KthreadCore;
import org.modux.kernel.sched.impl.SchedCore;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The generic interrupt layer (Linux: kernel/irq/manage.c for request, free, enable
 * and disable; kernel/irq/chip.c for the flow handlers {@code handle_edge_irq} and
 * {@code handle_fasteoi_irq}; kernel/irq/handle.c for {@code handle_irq_event}; the
 * threaded part of manage.c for the irq threads). One {@link IrqDesc} per vector the
 * controller could use; the scheduler hands every device vector it takes to
 * {@link #doIrq}, in hard-interrupt context on the CPU's current task. The stuck-line
 * detector is {@link Spurious}; /proc/interrupts is {@link ProcInterrupts}.
 *
 * <p>Deviations from Linux: an exception escaping a handler is an oops, as Linux's
 * would be, but the kernel does not panic ("Fatal exception in interrupt"): the line
 * is disabled and the CPU goes on. A thread function that throws ends its thread the
 * same way. Interrupts are counted per CPU when a flow handler handles them
 * ({@code kstat_incr_irqs_this_cpu}), so a delivery that arrives while the line is
 * disabled is not counted, as in Linux.
 *
 * <p>Locks, outermost first: a desc's {@code requestMutex}, then its {@code lock}.
 * The hot path ({@link #doIrq}) takes only {@code lock} and allocates nothing.
 */
@Component(service = Genirq.class, immediate = true)
public final class Genirq implements Interrupts, SchedCore.InterruptEntry {

    /** {@code MAX_RT_PRIO / 2}: what {@code sched_set_fifo} gives an irq thread. */
    private static final int IRQ_THREAD_RT_PRIO = 50;
    /** Spins before a waiting host thread lets the host run another. */
    private static final int SPINS_BEFORE_YIELD = 1 << 10;

    /** {@code irq_default_primary_handler}: a threaded request without a primary handler. */
    private static final class IrqDefaultPrimaryHandler implements IrqHandler {
        @Override
        public int handle(int irq, Object devId) {
            return IRQ_WAKE_THREAD;
        }
    }

    private static final IrqHandler DEFAULT_PRIMARY = new IrqDefaultPrimaryHandler();

    private final SchedCore sched;
    private final InterruptController chip;
    private final KthreadCore kthreads;
    private final Printk log;
    private final Taints taints;
    private final Spurious spurious;
    private final IrqDesc[] descs = new IrqDesc[InterruptController.NR_IRQS];

    @Activate
    public Genirq(@Reference SchedCore sched, @Reference InterruptController chip, @Reference KthreadCore kthreads,
            @Reference Printk printk, @Reference Taints taints, @Reference Machine machine) {
        this.sched = sched;
        this.chip = chip;
        this.kthreads = kthreads;
        this.log = printk;
        this.taints = taints;
        this.spurious = new Spurious(printk, sched, machine.clock());
        for (int irq = 0; irq < descs.length; irq++) {
            descs[irq] = new IrqDesc(irq, chip, chip.cpus(), sched.newWaitQueue());
        }
        sched.setInterruptEntry(this);
    }

    /** Disconnects from the CPUs and frees what drivers left installed, stopping their threads. */
    @Deactivate
    void deactivate() {
        sched.setInterruptEntry(null);
        for (IrqDesc desc : descs) {
            for (IrqAction action : desc.actions) {
                freeIrq(desc.irq, action.devId);
            }
        }
    }

    // ---- the interrupt entry and the flow handlers -----------------------------------

    /**
     * {@code common_interrupt}: vector to irq, then the line's flow handler. System
     * vectors (IPIs) are not lines and are left to their own handlers.
     */
    @Override
    public void doIrq(int cpu, int vector) {
        int irq = vector - Cpu.IRQ0_VECTOR;
        if (irq < 0 || irq >= descs.length) {
            return;
        }
        IrqDesc desc = descs[irq];
        if (!desc.hasAction() && !chip.exists(irq)) {
            log.prEmerg("__common_interrupt: %d.%d No irq handler for vector", cpu, vector);
            return;
        }
        if (desc.level) {
            handleFasteoiIrq(desc, cpu);
        } else {
            handleEdgeIrq(desc, cpu);
        }
    }

    /**
     * {@code handle_edge_irq}: the interrupt is acked at once, so the next edge can
     * arrive while the handlers run; one arriving then (on any CPU) only marks the
     * line pending and masks it, and the CPU already running the handlers unmasks it
     * and runs them again.
     */
    private void handleEdgeIrq(IrqDesc desc, int cpu) {
        desc.lock.lock();
        try {
            desc.istate &= ~IRQS_REPLAY;
            if (desc.inProgress || desc.disabled || !desc.hasAction()) {
                desc.istate |= IRQS_PENDING;
                desc.maskAckLocked();
                return;
            }
            desc.kstatIncr(cpu);
            desc.ackLocked();
            do {
                if (!desc.hasAction()) {
                    desc.maskLocked();
                    return;
                }
                if ((desc.istate & IRQS_PENDING) != 0 && !desc.disabled && desc.masked) {
                    desc.unmaskLocked();
                }
                handleIrqEventLocked(desc);
            } while ((desc.istate & IRQS_PENDING) != 0 && !desc.disabled);
        } finally {
            desc.lock.unlock();
        }
    }

    /**
     * {@code handle_fasteoi_irq}: the handlers run, then the EOI lets the controller
     * deliver the line again if it is still asserted. A ONESHOT line stays masked
     * until its threads are done ({@link #irqFinalizeOneshot}).
     */
    private void handleFasteoiIrq(IrqDesc desc, int cpu) {
        desc.lock.lock();
        try {
            if (desc.inProgress) {
                desc.eoiLocked();
                return;
            }
            desc.istate &= ~IRQS_REPLAY;
            if (!desc.hasAction() || desc.disabled) {
                desc.istate |= IRQS_PENDING;
                desc.maskLocked();
                desc.eoiLocked();
                return;
            }
            desc.kstatIncr(cpu);
            if ((desc.istate & IRQS_ONESHOT) != 0) {
                desc.maskLocked();
            }
            handleIrqEventLocked(desc);
            condUnmaskEoiLocked(desc);
        } finally {
            desc.lock.unlock();
        }
    }

    /** {@code cond_unmask_eoi_irq}. */
    private static void condUnmaskEoiLocked(IrqDesc desc) {
        if ((desc.istate & IRQS_ONESHOT) == 0) {
            desc.eoiLocked();
            return;
        }
        if (!desc.disabled && desc.masked && desc.threadsOneshot == 0) {
            desc.eoiLocked();
            desc.unmaskLocked();
        } else {
            desc.eoiLocked();
        }
    }

    /**
     * {@code handle_irq_event}: runs the actions with the lock dropped and
     * IRQD_IRQ_INPROGRESS set; a line the spurious detector or an oops condemned is
     * disabled once the lock is taken again. Caller holds {@code desc.lock}.
     */
    private void handleIrqEventLocked(IrqDesc desc) {
        desc.istate &= ~IRQS_PENDING;
        desc.inProgress = true;
        desc.lock.unlock();
        boolean kill = false;
        try {
            kill = handleIrqEventPercpu(desc);
        } finally {
            desc.lock.lock();
            desc.inProgress = false;
        }
        if (kill) {
            spuriousDisableLocked(desc);
        }
    }

    /** The line goes off as note_interrupt turns off a stuck one: one more disable depth. */
    private static void spuriousDisableLocked(IrqDesc desc) {
        desc.istate |= IRQS_SPURIOUS_DISABLED;
        desc.depth++;
        desc.disableLocked();
    }

    /**
     * {@code __handle_irq_event_percpu} and {@code note_interrupt}: every action of the
     * line is called (a shared line cannot tell whose device interrupted), their
     * results OR-ed. Returns whether the line must be disabled.
     */
    private boolean handleIrqEventPercpu(IrqDesc desc) {
        int retval = IRQ_NONE;
        boolean oopsed = false;
        for (IrqAction action : desc.actions) {
            int res;
            try {
                res = action.handler.handle(desc.irq, action.devId);
            } catch (Throwable t) {
                sched.oops(t);
                oopsed = true;
                continue;
            }
            if (res == IRQ_WAKE_THREAD) {
                if (action.threadFn == null) {
                    warnNoThread(action);
                } else {
                    irqWakeThread(desc, action);
                }
            }
            retval |= res;
        }
        if (oopsed) {
            log.prEmerg("Disabling IRQ #%d", desc.irq);
            return true;
        }
        return spurious.noteInterrupt(desc, retval);
    }

    /** {@code warn_no_thread}, once per action. */
    private void warnNoThread(IrqAction action) {
        if (action.warned) {
            return;
        }
        action.warned = true;
        log.prWarn("IRQ %d device %s returned IRQ_WAKE_THREAD but no thread function available.", action.irq,
                action.procName());
    }

    // ---- irq threads ------------------------------------------------------------------

    /**
     * {@code __irq_wake_thread}: marks the thread to run and wakes it, once however
     * often it is asked before it runs. Serialised against irqFinalizeOneshot by
     * IRQD_IRQ_INPROGRESS, as in Linux.
     */
    private void irqWakeThread(IrqDesc desc, IrqAction action) {
        if (action.threadExited || action.runThread.getAndSet(true)) {
            return;
        }
        desc.threadsOneshot |= action.threadMask;
        desc.threadsActive.incrementAndGet();
        sched.wakeUpProcess(action.thread.task());
    }

    /** {@code irq_thread}: the body of "irq/N-name". */
    private int irqThread(IrqDesc desc, IrqAction action) {
        while (irqWaitForInterrupt(action)) {
            int ret;
            try {
                ret = action.threadFn.handle(desc.irq, action.devId);
            } catch (Throwable t) {
                sched.oops(t);
                action.threadExited = true;
                desc.lock.lock();
                spuriousDisableLocked(desc);
                desc.lock.unlock();
                log.prEmerg("Disabling IRQ #%d", desc.irq);
                irqFinalizeOneshot(desc, action);
                wakeThreadsWaitq(desc);
                return -Errno.EFAULT.number();
            }
            if (ret == IRQ_HANDLED) {
                desc.threadsHandled.incrementAndGet();
            }
            irqFinalizeOneshot(desc, action);
            wakeThreadsWaitq(desc);
        }
        return 0;
    }

    /**
     * {@code irq_wait_for_interrupt}: sleeps until the primary handler asks; false once
     * the thread is to stop and has no run left.
     */
    private boolean irqWaitForInterrupt(IrqAction action) {
        while (true) {
            sched.setCurrentState(TaskState.INTERRUPTIBLE);
            boolean stop = kthreads.shouldStop();
            if (action.runThread.getAndSet(false)) {
                sched.setCurrentState(TaskState.RUNNING);
                return true;
            }
            if (stop) {
                sched.setCurrentState(TaskState.RUNNING);
                return false;
            }
            sched.schedule();
        }
    }

    /** {@code wake_threads_waitq}: the last thread done lets synchronize_irq go. */
    private static void wakeThreadsWaitq(IrqDesc desc) {
        if (desc.threadsActive.decrementAndGet() == 0) {
            desc.waitForThreads.wakeUp();
        }
    }

    /**
     * {@code irq_finalize_oneshot}: the thread is done; when no oneshot thread of the
     * line is left, the line the fasteoi flow left masked is unmasked. Waits for a
     * flow handler still running the primary handlers (it could mask the line again).
     */
    private void irqFinalizeOneshot(IrqDesc desc, IrqAction action) {
        if ((desc.istate & IRQS_ONESHOT) == 0) {
            return;
        }
        int spins = 0;
        while (true) {
            desc.lock.lock();
            if (!desc.inProgress) {
                break;
            }
            desc.lock.unlock();
            cpuRelax(++spins);
        }
        try {
            if (action.runThread.get()) {
                return;
            }
            desc.threadsOneshot &= ~action.threadMask;
            if (desc.threadsOneshot == 0 && !desc.disabled && desc.masked) {
                desc.unmaskLocked();
            }
        } finally {
            desc.lock.unlock();
        }
    }

    // ---- request and free ------------------------------------------------------------

    @Override
    public void requestIrq(int irq, IrqHandler handler, int flags, String name, Object devId) throws ErrnoException {
        requestThreadedIrq(irq, handler, null, flags, name, devId);
    }

    /** {@code request_threaded_irq}: the argument checks, then {@link #setupIrq}. */
    @Override
    public void requestThreadedIrq(int irq, IrqHandler handler, IrqHandler threadFn, int flags, String name,
            Object devId) throws ErrnoException {
        boolean shared = (flags & IRQF_SHARED) != 0;
        if ((shared && devId == null) || (shared && (flags & IRQF_NO_AUTOEN) != 0)
                || (!shared && (flags & IRQF_COND_SUSPEND) != 0)) {
            throw new ErrnoException(Errno.EINVAL);
        }
        IrqDesc desc = descOrNull(irq);
        if (desc == null) {
            throw new ErrnoException(Errno.EINVAL);
        }
        if (handler == null) {
            if (threadFn == null) {
                throw new ErrnoException(Errno.EINVAL);
            }
            handler = DEFAULT_PRIMARY;
        }
        setupIrq(desc, handler, threadFn, flags, name, devId);
    }

    /** The desc of a line the controller has, or null. */
    IrqDesc descOrNull(int irq) {
        return irq >= 0 && irq < descs.length && chip.exists(irq) ? descs[irq] : null;
    }

    /** The line's trigger as IRQF_TRIGGER_* bits ({@code irqd_get_trigger_type}). */
    private static int triggerType(IrqDesc desc) {
        return desc.level ? IRQF_TRIGGER_HIGH : IRQF_TRIGGER_RISING;
    }

    /**
     * {@code __setup_irq}: the irq thread is made first; then, under the request mutex
     * and the desc lock, the sharing rules, the ONESHOT thread mask, the trigger and
     * start-up of a first action, and the action appended. Undoes the thread on failure.
     */
    private void setupIrq(IrqDesc desc, IrqHandler handler, IrqHandler threadFn, int requested, String name,
            Object devId) throws ErrnoException {
        int flags = requested;
        if ((flags & IRQF_TRIGGER_MASK) == 0) {
            flags |= triggerType(desc);
        }
        if (desc.isOneshotSafe()) {
            flags &= ~IRQF_ONESHOT;
        }
        IrqAction action = new IrqAction(desc.irq, handler, threadFn, flags, name, devId);
        if (threadFn != null) {
            Kthread t = kthreads.create(() -> irqThread(desc, action), "irq/" + desc.irq + "-" + action.procName());
            action.thread = t;
            try {
                sched.setScheduler(t.task(), SchedPolicy.FIFO, IRQ_THREAD_RT_PRIO);
            } catch (ErrnoException e) {
                throw new IllegalStateException("sched_set_fifo of an irq thread", e);
            }
        }
        desc.requestMutex.lock();
        try {
            installLocked(desc, action);
        } catch (ErrnoException e) {
            if (action.thread != null) {
                action.thread.stop();
            }
            throw e;
        } finally {
            desc.requestMutex.unlock();
        }
        if (action.thread != null) {
            action.thread.wakeUp();
        }
    }

    /** The part of __setup_irq under the desc lock. Caller holds the request mutex. */
    private void installLocked(IrqDesc desc, IrqAction action) throws ErrnoException {
        int flags = action.flags;
        desc.lock.lock();
        try {
            IrqAction[] old = desc.actions;
            boolean shared = old.length > 0;
            long threadMask = 0;
            if (shared) {
                IrqAction first = old[0];
                if (((first.flags & flags) & IRQF_SHARED) == 0
                        || triggerType(desc) != (flags & IRQF_TRIGGER_MASK)
                        || (first.flags & IRQF_PERCPU) != (flags & IRQF_PERCPU)) {
                    throw mismatch(desc, action, first);
                }
                if ((first.flags & IRQF_ONESHOT) != 0 && (flags & IRQF_COND_ONESHOT) != 0) {
                    flags |= IRQF_ONESHOT;
                    action.flags = flags;
                } else if (((first.flags ^ flags) & IRQF_ONESHOT) != 0) {
                    throw mismatch(desc, action, first);
                }
                for (IrqAction a : old) {
                    threadMask |= a.threadMask;
                }
            }
            if ((flags & IRQF_ONESHOT) != 0) {
                if (threadMask == ~0L) {
                    throw new ErrnoException(Errno.EBUSY);
                }
                action.threadMask = Long.lowestOneBit(~threadMask);
            } else if (action.handler == DEFAULT_PRIMARY && !desc.isOneshotSafe()) {
                log.prErr("genirq: Threaded irq requested with handler=NULL and !ONESHOT for %s (irq %d)",
                        action.procName(), desc.irq);
                throw new ErrnoException(Errno.EINVAL);
            }
            if (!shared) {
                setTriggerLocked(desc, flags & IRQF_TRIGGER_MASK);
                desc.istate &= ~(IRQS_SPURIOUS_DISABLED | IRQS_ONESHOT);
                if ((flags & IRQF_ONESHOT) != 0) {
                    desc.istate |= IRQS_ONESHOT;
                }
            }
            IrqAction[] next = Arrays.copyOf(old, old.length + 1);
            next[old.length] = action;
            desc.setActionsLocked(next);
            if (!shared) {
                if ((flags & IRQF_NO_AUTOEN) == 0) {
                    desc.startupLocked(true);
                } else {
                    desc.depth = 1;
                }
            }
            desc.irqCount = 0;
            desc.irqsUnhandled = 0;
            if (shared && (desc.istate & IRQS_SPURIOUS_DISABLED) != 0) {
                desc.istate &= ~IRQS_SPURIOUS_DISABLED;
                enableIrqLocked(desc);
            }
        } finally {
            desc.lock.unlock();
        }
    }

    /** The "Flags mismatch" of a failed share: EBUSY, logged unless IRQF_PROBE_SHARED. */
    private ErrnoException mismatch(IrqDesc desc, IrqAction action, IrqAction old) {
        if ((action.flags & IRQF_PROBE_SHARED) == 0) {
            log.prErr("genirq: Flags mismatch irq %d. %08x (%s) vs. %08x (%s)", desc.irq, action.flags,
                    action.procName(), old.flags, old.procName());
        }
        return new ErrnoException(Errno.EBUSY);
    }

    /**
     * {@code __irq_set_trigger}: rising or falling edge makes the line edge-triggered
     * (handle_edge_irq), high or low level makes it level-triggered (handle_fasteoi_irq).
     * EINVAL, logged, if the chip cannot (an MSI line is edge only).
     */
    private void setTriggerLocked(IrqDesc desc, int trigger) throws ErrnoException {
        boolean level = (trigger & (IRQF_TRIGGER_HIGH | IRQF_TRIGGER_LOW)) != 0;
        if (level == desc.level) {
            return;
        }
        try {
            chip.setTrigger(desc.irq, level ? Trigger.LEVEL : Trigger.EDGE);
        } catch (IllegalArgumentException e) {
            log.prErr("genirq: Setting trigger mode %d for irq %d failed", trigger, desc.irq);
            throw new ErrnoException(Errno.EINVAL);
        }
        desc.level = level;
    }

    /** {@code free_irq} / {@code __free_irq}. */
    @Override
    public String freeIrq(int irq, Object devId) {
        IrqDesc desc = descOrNull(irq);
        if (desc == null) {
            return null;
        }
        IrqAction action = null;
        desc.requestMutex.lock();
        try {
            desc.lock.lock();
            try {
                IrqAction[] old = desc.actions;
                int at = 0;
                while (at < old.length && old[at].devId != devId) {
                    at++;
                }
                if (at < old.length) {
                    action = old[at];
                    IrqAction[] next = new IrqAction[old.length - 1];
                    System.arraycopy(old, 0, next, 0, at);
                    System.arraycopy(old, at + 1, next, at, old.length - at - 1);
                    desc.setActionsLocked(next);
                    if (next.length == 0) {
                        desc.shutdownLocked();
                    }
                }
            } finally {
                desc.lock.unlock();
            }
            if (action == null) {
                taints.warn(log, "Trying to free already-free IRQ %d", irq);
                return null;
            }
            synchronizeIrq(desc);
            if (action.thread != null) {
                action.thread.stop();
            }
        } finally {
            desc.requestMutex.unlock();
        }
        return action.name;
    }

    // ---- enable, disable, synchronize -------------------------------------------------

    @Override
    public void disableIrq(int irq) {
        IrqDesc desc = descOrNull(irq);
        if (desc != null) {
            disableNosync(desc);
            synchronizeIrq(desc);
        }
    }

    @Override
    public void disableIrqNosync(int irq) {
        IrqDesc desc = descOrNull(irq);
        if (desc != null) {
            disableNosync(desc);
        }
    }

    private static void disableNosync(IrqDesc desc) {
        desc.lock.lock();
        try {
            desc.nestDisableLocked();
        } finally {
            desc.lock.unlock();
        }
    }

    @Override
    public void enableIrq(int irq) {
        IrqDesc desc = descOrNull(irq);
        if (desc == null) {
            return;
        }
        desc.lock.lock();
        try {
            enableIrqLocked(desc);
        } finally {
            desc.lock.unlock();
        }
    }

    /** {@code __enable_irq}: the last enable starts the line up and resends a pending edge. */
    private void enableIrqLocked(IrqDesc desc) {
        switch (desc.depth) {
            case 0 -> taints.warn(log, "Unbalanced enable for IRQ %d", desc.irq);
            case 1 -> desc.startupLocked(true);
            default -> desc.depth--;
        }
    }

    @Override
    public void synchronizeIrq(int irq) {
        IrqDesc desc = descOrNull(irq);
        if (desc != null) {
            synchronizeIrq(desc);
        }
    }

    /**
     * {@code synchronize_irq}: spins until no CPU runs the line's handlers (checked
     * again under the lock, as {@code __synchronize_hardirq} does), then sleeps until
     * its threads are done.
     */
    private void synchronizeIrq(IrqDesc desc) {
        int spins = 0;
        while (true) {
            while (desc.inProgress) {
                cpuRelax(++spins);
            }
            desc.lock.lock();
            boolean busy = desc.inProgress;
            desc.lock.unlock();
            if (!busy) {
                break;
            }
        }
        desc.waitForThreads.waitEvent(() -> desc.threadsActive.get() == 0);
    }

    /** {@code cpu_relax}; a host thread that has spun long lets the host run the CPU it waits for. */
    private static void cpuRelax(int spins) {
        Thread.onSpinWait();
        if (spins % SPINS_BEFORE_YIELD == 0 && !Thread.currentThread().isVirtual()) {
            Thread.yield();
        }
    }

    // ---- affinity and counts ------------------------------------------------------------

    @Override
    public void irqSetAffinity(int irq, BitSet cpus) throws ErrnoException {
        IrqDesc desc = descOrNull(irq);
        BitSet online = (BitSet) cpus.clone();
        if (online.length() > chip.cpus()) {
            online.clear(chip.cpus(), online.length());
        }
        if (desc == null || online.isEmpty()) {
            throw new ErrnoException(Errno.EINVAL);
        }
        desc.lock.lock();
        try {
            chip.setAffinity(irq, online);
        } finally {
            desc.lock.unlock();
        }
    }

    @Override
    public long kstatIrqsCpu(int irq, int cpu) {
        IrqDesc desc = descOrNull(irq);
        return desc == null ? 0 : desc.kstatCpu(cpu);
    }

    /** The desc of line {@code irq} for /proc, which shows lines that have actions. */
    IrqDesc desc(int irq) {
        return descs[irq];
    }
}
