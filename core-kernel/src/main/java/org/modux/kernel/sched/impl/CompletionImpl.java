package org.modux.kernel.sched.impl;

import java.util.concurrent.atomic.AtomicInteger;

import org.modux.kernel.sched.Completion;

/**
 * {@code struct completion} (kernel/sched/completion.c): a count of completions not
 * yet waited for, over a wait queue; {@code complete_all} makes the count endless.
 */
final class CompletionImpl implements Completion {

    private static final int ALL = Integer.MAX_VALUE;

    private final AtomicInteger done = new AtomicInteger();
    private final WaitQueue wait;

    CompletionImpl(WaitQueue wait) {
        this.wait = wait;
    }

    private boolean tryConsume() {
        return done.getAndUpdate(d -> d == ALL || d == 0 ? d : d - 1) > 0;
    }

    @Override
    public void waitForCompletion() {
        wait.waitEvent(this::tryConsume);
    }

    @Override
    public boolean waitForCompletionTimeout(long timeoutNs) {
        return wait.waitEventTimeout(this::tryConsume, timeoutNs);
    }

    @Override
    public void complete() {
        done.getAndUpdate(d -> d == ALL ? d : d + 1);
        wait.wakeUp();
    }

    @Override
    public void completeAll() {
        done.set(ALL);
        wait.wakeUpAll();
    }

    @Override
    public void reinit() {
        done.set(0);
    }

    @Override
    public boolean done() {
        return done.get() > 0;
    }
}
