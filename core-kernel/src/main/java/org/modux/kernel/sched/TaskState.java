package org.modux.kernel.sched;

/**
 * A task's state (Linux: {@code __state} and the letters of
 * {@code task_state_array} in fs/proc/array.c, as ps and /proc/PID/stat show them).
 */
public enum TaskState {
    /** {@code TASK_RUNNING}: on a CPU or waiting in a run queue. */
    RUNNING('R', "running"),
    /** {@code TASK_INTERRUPTIBLE}: asleep until woken or signalled. */
    INTERRUPTIBLE('S', "sleeping"),
    /** {@code TASK_UNINTERRUPTIBLE}: asleep until woken; counts in the load average. */
    UNINTERRUPTIBLE('D', "disk sleep"),
    /** {@code __TASK_STOPPED}. */
    STOPPED('T', "stopped"),
    /** {@code EXIT_DEAD}. */
    DEAD('X', "dead"),
    /** {@code EXIT_ZOMBIE}: exited, not yet reaped. */
    ZOMBIE('Z', "zombie"),
    /** {@code TASK_PARKED}: a parked kernel thread. */
    PARKED('P', "parked"),
    /** {@code TASK_IDLE}: uninterruptible without counting in the load average (idle kthreads). */
    IDLE('I', "idle");

    private final char letter;
    private final String word;

    TaskState(char letter, String word) {
        this.letter = letter;
        this.word = word;
    }

    /** The letter ps and /proc/PID/stat show. */
    public char letter() {
        return letter;
    }

    /** What /proc/PID/status shows after the letter: "S (sleeping)". */
    public String word() {
        return word;
    }

    /** Whether a wake-up of a task in this state makes it runnable ({@code TASK_NORMAL} states). */
    public boolean isSleeping() {
        return this == INTERRUPTIBLE || this == UNINTERRUPTIBLE || this == IDLE || this == PARKED;
    }
}
