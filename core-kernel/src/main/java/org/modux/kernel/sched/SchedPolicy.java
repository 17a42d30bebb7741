package org.modux.kernel.sched;

/** Scheduling policies, with Linux's numbers ({@code SCHED_*} in include/uapi/linux/sched.h). */
public enum SchedPolicy {
    NORMAL(0, "SCHED_OTHER"),
    FIFO(1, "SCHED_FIFO"),
    RR(2, "SCHED_RR"),
    BATCH(3, "SCHED_BATCH"),
    IDLE(5, "SCHED_IDLE"),
    DEADLINE(6, "SCHED_DEADLINE");

    private final int number;
    private final String constant;

    SchedPolicy(int number, String constant) {
        this.number = number;
        this.constant = constant;
    }

    /** The number /proc/PID/stat and sched_getscheduler(2) show. */
    public int number() {
        return number;
    }

    /** The C constant, as chrt prints it. */
    public String constant() {
        return constant;
    }

    /** Whether this is a real-time policy (FIFO or RR). */
    public boolean isRealTime() {
        return this == FIFO || this == RR;
    }
}
