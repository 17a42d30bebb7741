package org.modux.kernel.sched;

/** A completion (Linux: include/linux/completion.h): one side waits for the other's {@code complete}. */
public interface Completion {

    /** {@code wait_for_completion}: sleeps until completed, then consumes one completion. */
    void waitForCompletion();

    /** {@code wait_for_completion_timeout}: false if {@code timeoutNs} passed first. */
    boolean waitForCompletionTimeout(long timeoutNs);

    /** {@code complete}: wakes one waiter (or lets the next wait pass). */
    void complete();

    /** {@code complete_all}: lets every present and future wait pass until {@link #reinit}. */
    void completeAll();

    /** {@code reinit_completion}. */
    void reinit();

    /** {@code completion_done}: whether a wait would pass without sleeping. */
    boolean done();
}
