package org.modux.kernel.time.impl;

import java.util.function.Consumer;

import org.modux.kernel.time.TimerList;

/**
 * {@code struct timer_list}: the function, the expiry, the flags word (whose low bits
 * name the CPU of the wheel it is on, and TIMER_MIGRATING while it moves between
 * two), and its place in a wheel bucket. The bucket links and {@link #expires} are
 * written under the lock of the base it is on.
 */
final class TimerListImpl implements TimerList {

    /** {@code TIMER_CPUMASK}. */
    static final int TIMER_CPUMASK = 0x0003FFFF;
    /** {@code TIMER_MIGRATING}. */
    static final int TIMER_MIGRATING = 0x00040000;

    final Consumer<TimerList> function;
    final int userFlags;
    volatile int flags;
    volatile long expires;
    /** Its bucket's index in the wheel ({@code timer_get_idx}; Linux keeps it in the top bits of flags). */
    int idx;
    /** {@code entry}: the hlist it is on; {@link #head} is meaningful for the first entry only. */
    TimerListImpl next;
    TimerListImpl prev;
    TimerBase.Bucket head;
    /** {@code timer_pending}: {@code entry.pprev != NULL}. */
    volatile boolean pending;

    TimerListImpl(Consumer<TimerList> function, int userFlags, int cpu) {
        this.function = function;
        this.userFlags = userFlags;
        this.flags = cpu;
    }

    int baseCpu() {
        return flags & TIMER_CPUMASK;
    }

    @Override
    public long expires() {
        return expires;
    }

    @Override
    public int cpu() {
        return baseCpu();
    }

    @Override
    public int flags() {
        return userFlags;
    }

    @Override
    public String toString() {
        return "timer_list(" + function + ")";
    }
}
