package org.modux.kernel.softirq;

/**
 * The softirq vectors, in Linux's order and with its names (include/linux/interrupt.h,
 * {@code HI_SOFTIRQ} ... {@code RCU_SOFTIRQ}; {@code softirq_to_name} in
 * kernel/softirq.c). A lower number runs first; /proc/softirqs lists them in this
 * order.
 */
public enum SoftirqVector {
    HI,
    TIMER,
    NET_TX,
    NET_RX,
    BLOCK,
    IRQ_POLL,
    TASKLET,
    SCHED,
    HRTIMER,
    /** Preferably the last one: RCU processing runs after the others (Linux's comment). */
    RCU;

    /** {@code NR_SOFTIRQS}. */
    public static final int NR_SOFTIRQS = 10;

    /** The vector's number ({@code HI_SOFTIRQ} is 0). */
    public int nr() {
        return ordinal();
    }

    /** The name /proc/softirqs shows ({@code softirq_to_name}). */
    public String softirqName() {
        return name();
    }
}
