package org.modux.hw.impl;

import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;

import org.modux.hw.Cpu;
import org.modux.hw.irq.IrqLine;
import org.modux.hw.irq.Trigger;

/**
 * One line of the interrupt controller: an IO-APIC redirection entry (trigger mode,
 * mask, remote IRR, destination CPUs) with the input pin it watches, or an MSI line.
 * For each change of the pin or the entry it decides whether the line is delivered
 * and to which CPU; the delivery itself (count, {@link Cpu#raise}) happens after the
 * lock is dropped, so a halted CPU's wake-up is never paid with the lock held.
 * Intel 82093AA datasheet, 3.2.4 (redirection table); Linux: arch/x86/kernel/apic/io_apic.c.
 *
 * <p>Deviation from the 82093AA, which ignores an edge on a masked pin: an edge that
 * arrives while the line is masked is latched and delivered on unmask (as a level
 * line still asserted is), so masking never loses an interrupt.
 *
 * <p>Destination: each delivery goes to the next CPU of the affinity set after the
 * previous one, round robin: the 82093AA's lowest-priority mode with every CPU at
 * the same priority (there is no TPR here); a one-CPU set is fixed delivery.
 *
 * <p>Lock: {@code lock} guards the fields under it and every {@link Connection}'s
 * {@code raised}; {@code counts} are atomics read without it.
 */
final class InterruptLine {

    private static final int NONE = -1;

    final int irq;
    final int vector;
    final String chipName;
    final int hwirq;
    final boolean msi;
    private final List<Cpu> cpus;
    private final AtomicLongArray counts;

    private final ReentrantLock lock = new ReentrantLock();
    private Trigger trigger;
    private boolean masked = true;
    private boolean remoteIrr;
    private boolean latchedEdge;
    private int assertedConnections;
    private final BitSet affinity = new BitSet();
    private int nextCpu;
    private boolean freed;

    InterruptLine(int irq, String chipName, int hwirq, Trigger trigger, boolean msi, List<Cpu> cpus) {
        this.irq = irq;
        this.vector = Cpu.IRQ0_VECTOR + irq;
        this.chipName = chipName;
        this.hwirq = hwirq;
        this.trigger = trigger;
        this.msi = msi;
        this.cpus = cpus;
        this.counts = new AtomicLongArray(cpus.size());
        affinity.set(0, cpus.size());
    }

    /** A new device connection to this line, driven low. */
    IrqLine connect() {
        return new Connection();
    }

    Trigger trigger() {
        lock.lock();
        try {
            return trigger;
        } finally {
            lock.unlock();
        }
    }

    /** Sets the trigger mode; LEVEL on an MSI line throws IllegalArgumentException. */
    void setTrigger(Trigger newTrigger) {
        if (msi && newTrigger == Trigger.LEVEL) {
            throw new IllegalArgumentException("irq " + irq + ": MSI is edge-triggered only");
        }
        int target;
        lock.lock();
        try {
            trigger = newTrigger;
            latchedEdge = false;
            if (newTrigger == Trigger.EDGE) {
                remoteIrr = false;
                target = NONE;
            } else {
                target = levelCheckLocked();
            }
        } finally {
            lock.unlock();
        }
        deliver(target);
    }

    void mask() {
        lock.lock();
        try {
            masked = true;
        } finally {
            lock.unlock();
        }
    }

    void unmask() {
        int target;
        lock.lock();
        try {
            masked = false;
            if (trigger == Trigger.LEVEL) {
                target = levelCheckLocked();
            } else if (latchedEdge) {
                latchedEdge = false;
                target = pickCpuLocked();
            } else {
                target = NONE;
            }
        } finally {
            lock.unlock();
        }
        deliver(target);
    }

    boolean isMasked() {
        lock.lock();
        try {
            return masked;
        } finally {
            lock.unlock();
        }
    }

    boolean isAsserted() {
        lock.lock();
        try {
            return assertedConnections > 0;
        } finally {
            lock.unlock();
        }
    }

    boolean remoteIrr() {
        lock.lock();
        try {
            return remoteIrr;
        } finally {
            lock.unlock();
        }
    }

    /** The kernel's EOI: a level line's remote IRR clears and the line is looked at again. */
    void eoi() {
        int target = NONE;
        lock.lock();
        try {
            if (trigger == Trigger.LEVEL) {
                remoteIrr = false;
                target = levelCheckLocked();
            }
        } finally {
            lock.unlock();
        }
        deliver(target);
    }

    /** Delivers the vector once more, whatever the line's state (irq_retrigger). */
    void retrigger() {
        int target;
        lock.lock();
        try {
            target = freed ? NONE : pickCpuLocked();
        } finally {
            lock.unlock();
        }
        deliver(target);
    }

    /** Sets the destination CPUs; IllegalArgumentException if none is a CPU of the machine. */
    void setAffinity(BitSet wanted) {
        BitSet clipped = (BitSet) wanted.clone();
        if (clipped.length() > cpus.size()) {
            clipped.clear(cpus.size(), clipped.length());
        }
        if (clipped.isEmpty()) {
            throw new IllegalArgumentException("irq " + irq + ": affinity " + wanted + " has no CPU of this machine");
        }
        lock.lock();
        try {
            affinity.clear();
            affinity.or(clipped);
        } finally {
            lock.unlock();
        }
    }

    BitSet affinity() {
        lock.lock();
        try {
            return (BitSet) affinity.clone();
        } finally {
            lock.unlock();
        }
    }

    long count(int cpu) {
        return counts.get(cpu);
    }

    /** Disconnects the line from the controller: it is masked and its connections go dead. */
    void free() {
        lock.lock();
        try {
            freed = true;
            masked = true;
        } finally {
            lock.unlock();
        }
    }

    /** The pin went from deasserted to asserted. */
    private int risingEdgeLocked() {
        if (freed) {
            return NONE;
        }
        if (trigger == Trigger.LEVEL) {
            return levelCheckLocked();
        }
        if (masked) {
            latchedEdge = true;
            return NONE;
        }
        return pickCpuLocked();
    }

    /** A level line is delivered when asserted, unmasked and not waiting for its EOI; remote IRR is then set. */
    private int levelCheckLocked() {
        if (freed || masked || remoteIrr || assertedConnections == 0) {
            return NONE;
        }
        remoteIrr = true;
        return pickCpuLocked();
    }

    private int pickCpuLocked() {
        int cpu = affinity.nextSetBit(nextCpu);
        if (cpu < 0) {
            cpu = affinity.nextSetBit(0);
        }
        nextCpu = cpu + 1;
        return cpu;
    }

    private void deliver(int cpu) {
        if (cpu != NONE) {
            counts.incrementAndGet(cpu);
            cpus.get(cpu).raise(vector);
        }
    }

    /** One device's wire into the line; {@code raised} is guarded by the line's lock. */
    private final class Connection implements IrqLine {

        private volatile boolean raised;

        @Override
        public int irq() {
            return irq;
        }

        @Override
        public void raise() {
            int target = NONE;
            lock.lock();
            try {
                if (!raised) {
                    raised = true;
                    if (assertedConnections++ == 0) {
                        target = risingEdgeLocked();
                    }
                }
            } finally {
                lock.unlock();
            }
            deliver(target);
        }

        @Override
        public void lower() {
            lock.lock();
            try {
                if (raised) {
                    raised = false;
                    assertedConnections--;
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void pulse() {
            int target = NONE;
            lock.lock();
            try {
                if (assertedConnections == 0) {
                    // Raised and lowered within the lock: the pin is high for the
                    // delivery decision, as a level line sees it, and low afterwards.
                    assertedConnections = 1;
                    target = risingEdgeLocked();
                    assertedConnections = 0;
                }
            } finally {
                lock.unlock();
            }
            deliver(target);
        }

        @Override
        public boolean isRaised() {
            return raised;
        }

        @Override
        public String toString() {
            return "irq " + irq + (raised ? " (raised)" : "");
        }
    }
}
