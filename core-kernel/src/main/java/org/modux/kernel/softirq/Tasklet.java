package org.modux.kernel.softirq;

/**
 * A tasklet ({@code struct tasklet_struct}): a function run from the TASKLET (or HI)
 * softirq, on the CPU that scheduled it, never on two CPUs at once. Made by
 * {@link Softirqs#taskletSetup}; scheduled, disabled and killed through
 * {@link Softirqs}. These are reads of its state bits.
 */
public interface Tasklet {

    /** {@code TASKLET_STATE_SCHED}: scheduled and not yet run. */
    boolean isScheduled();

    /** {@code TASKLET_STATE_RUN}: its function runs now on some CPU. */
    boolean isRunning();

    /** Its disable count ({@code count}): it runs only at 0. */
    int disableCount();
}
