package org.modux.hw;

/**
 * One emulated CPU as hardware: its local interrupt state (what a local APIC holds:
 * the pending vectors, the in-service one) and the {@code hlt} instruction. The
 * kernel decides what runs on it; the hardware only latches interrupts and wakes
 * a halted CPU. Device models, the interrupt controller and other CPUs (IPIs) raise
 * vectors from any thread; only the thread that currently runs on the CPU
 * acknowledges them.
 *
 * <p>Vectors are numbered as on x86: {@code 0x20 + irq} for the controller's lines
 * ({@link #IRQ0_VECTOR}), and the system vectors below for the local timer and
 * inter-processor interrupts.
 */
public interface Cpu {

    /** The vector of interrupt line 0; line N arrives as {@code IRQ0_VECTOR + N}. */
    int IRQ0_VECTOR = 0x20;
    /** The local timer (Linux: LOCAL_TIMER_VECTOR, "LOC" in /proc/interrupts). */
    int LOCAL_TIMER_VECTOR = 0xec;
    /** Call-function IPI (CALL_FUNCTION_VECTOR, "CAL"). */
    int CALL_FUNCTION_VECTOR = 0xfb;
    /** Reschedule IPI (RESCHEDULE_VECTOR, "RES"). */
    int RESCHEDULE_VECTOR = 0xfd;
    /** TLB shootdown IPI ("TLB"; Linux sends it as a call-function IPI). */
    int TLB_VECTOR = 0xfa;
    /** Vectors are 0..255. */
    int NR_VECTORS = 256;

    /** The CPU number, 0-based. */
    int id();

    /**
     * Latches {@code vector} as pending and wakes the CPU if it is halted. Any thread;
     * never blocks. A vector already pending stays pending once (as in an IRR).
     */
    void raise(int vector);

    /** Whether any vector is pending. Cheap enough for every interrupt window. */
    boolean interruptPending();

    /**
     * Takes the highest pending vector (clearing it), or -1 if none: what the CPU
     * does when it accepts an interrupt. Only the thread running on this CPU calls it.
     */
    int acknowledge();

    /**
     * {@code hlt}: the calling thread, which holds this CPU, stops until a vector is
     * pending; returns at once if one already is. With {@code idle=poll} on the
     * command line the CPU polls instead of sleeping.
     */
    void halt();
}
