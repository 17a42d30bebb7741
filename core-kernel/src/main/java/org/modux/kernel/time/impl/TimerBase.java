package org.modux.kernel.time.impl;

import org.modux.kernel.sched.impl.RawSpinlock;

/**
 * {@code struct timer_base} (kernel/time/timer.c): one CPU's timer wheel. LVL_DEPTH
 * levels of LVL_SIZE buckets; level n has a granularity of 8^n jiffies, so a timer
 * far in the future sits in a coarse bucket and is never cascaded, at the price of
 * expiring up to 1/8 of its timeout late. {@code pending_map} has a bit per non-empty
 * bucket; {@code next_expiry} is the first bucket's expiry, recomputed lazily after
 * a delete ({@code next_expiry_recalc}). Everything here is guarded by {@link #lock};
 * the methods expect the caller to hold it.
 */
final class TimerBase {

    /** {@code LVL_CLK_SHIFT}: each level's clock ticks 8 times slower than the one below. */
    static final int LVL_CLK_SHIFT = 3;
    static final int LVL_CLK_DIV = 1 << LVL_CLK_SHIFT;
    static final int LVL_CLK_MASK = LVL_CLK_DIV - 1;
    /** {@code LVL_BITS}: 64 buckets per level. */
    static final int LVL_BITS = 6;
    static final int LVL_SIZE = 1 << LVL_BITS;
    static final int LVL_MASK = LVL_SIZE - 1;
    /** {@code LVL_DEPTH}: 9 levels for HZ above 100. */
    static final int LVL_DEPTH = 9;
    static final int WHEEL_SIZE = LVL_SIZE * LVL_DEPTH;
    /** {@code WHEEL_TIMEOUT_CUTOFF}: timeouts this far or farther are clamped to {@link #WHEEL_TIMEOUT_MAX}. */
    static final long WHEEL_TIMEOUT_CUTOFF = lvlStart(LVL_DEPTH);
    static final long WHEEL_TIMEOUT_MAX = WHEEL_TIMEOUT_CUTOFF - lvlGran(LVL_DEPTH - 1);
    /** {@code NEXT_TIMER_MAX_DELTA}: "nothing pending" is this far beyond clk. */
    static final long NEXT_TIMER_MAX_DELTA = (1L << 30) - 1;

    /** {@code LVL_SHIFT(n)}. */
    static int lvlShift(int n) {
        return n * LVL_CLK_SHIFT;
    }

    /** {@code LVL_GRAN(n)}: the granularity of level n in jiffies. */
    static long lvlGran(int n) {
        return 1L << lvlShift(n);
    }

    /** {@code LVL_START(n)}: the first delta that goes to level n. */
    static long lvlStart(int n) {
        return (long) (LVL_SIZE - 1) << ((n - 1) * LVL_CLK_SHIFT);
    }

    /** {@code LVL_OFFS(n)}. */
    static int lvlOffs(int n) {
        return n * LVL_SIZE;
    }

    /** An hlist head: one bucket, or a list of expired timers being run. */
    static final class Bucket {
        TimerListImpl first;
    }

    final int cpu;
    final RawSpinlock lock = new RawSpinlock();
    /** {@code clk}: the wheel's notion of now, in jiffies; runs ahead of jiffies by 1 while expiring. */
    long clk;
    /** {@code next_expiry}: read without the lock by the tick. */
    volatile long nextExpiry;
    boolean nextExpiryRecalc;
    boolean timersPending;
    final long[] pendingMap = new long[WHEEL_SIZE / Long.SIZE];
    final Bucket[] vectors = new Bucket[WHEEL_SIZE];
    /** The expired lists of one {@code __run_timers} pass, one per level ({@code heads}). */
    final Bucket[] heads = new Bucket[LVL_DEPTH];
    /** {@code running_timer}, and the thread that runs it (to catch a delete_sync from the function itself). */
    volatile TimerListImpl runningTimer;
    volatile Thread runningThread;
    /** The expiry of the bucket the last {@link #calcWheelIndex} chose (Linux's {@code bucket_expiry} out-parameter). */
    long bucketExpiry;

    TimerBase(int cpu, long jiffies) {
        this.cpu = cpu;
        this.clk = jiffies;
        this.nextExpiry = jiffies + NEXT_TIMER_MAX_DELTA;
        for (int i = 0; i < WHEEL_SIZE; i++) {
            vectors[i] = new Bucket();
        }
        for (int i = 0; i < LVL_DEPTH; i++) {
            heads[i] = new Bucket();
        }
    }

    // ---- the bucket index ----------------------------------------------------------

    /** {@code calc_index}: the bucket of level {@code lvl} for {@code expires}; sets {@link #bucketExpiry}. */
    private int calcIndex(long expires, int lvl) {
        // The expiry is rounded up to the level's granularity: a timer never fires early.
        expires = (expires >>> lvlShift(lvl)) + 1;
        bucketExpiry = expires << lvlShift(lvl);
        return lvlOffs(lvl) + (int) (expires & LVL_MASK);
    }

    /** {@code calc_wheel_index}: the level is the first whose range holds {@code expires - clk}. */
    int calcWheelIndex(long expires, long clk) {
        long delta = expires - clk;
        if (delta < 0) {
            bucketExpiry = clk;
            return (int) (clk & LVL_MASK);
        }
        for (int lvl = 0; lvl < LVL_DEPTH - 1; lvl++) {
            if (delta < lvlStart(lvl + 1)) {
                return calcIndex(expires, lvl);
            }
        }
        if (delta >= WHEEL_TIMEOUT_CUTOFF) {
            expires = clk + WHEEL_TIMEOUT_MAX;
        }
        return calcIndex(expires, LVL_DEPTH - 1);
    }

    // ---- enqueue and detach --------------------------------------------------------

    /**
     * {@code enqueue_timer}: into bucket {@code idx}, whose expiry is
     * {@code bucketExpiry}; true if it is now the base's first expiry (the caller
     * then wakes the CPU if it is idle: {@code trigger_dyntick_cpu}).
     */
    boolean enqueueTimerLocked(TimerListImpl timer, int idx, long bucketExpiry) {
        Bucket b = vectors[idx];
        timer.prev = null;
        timer.next = b.first;
        if (b.first != null) {
            b.first.prev = timer;
        }
        b.first = timer;
        timer.head = b;
        timer.pending = true;
        timer.idx = idx;
        pendingMap[idx >>> 6] |= 1L << idx;
        if (bucketExpiry - nextExpiry < 0) {
            nextExpiry = bucketExpiry;
            timersPending = true;
            nextExpiryRecalc = false;
            return true;
        }
        return false;
    }

    /** {@code internal_add_timer}. */
    boolean internalAddTimerLocked(TimerListImpl timer) {
        int idx = calcWheelIndex(timer.expires, clk);
        return enqueueTimerLocked(timer, idx, bucketExpiry);
    }

    /** {@code detach_timer}: off whatever list it is on. */
    static void detachTimer(TimerListImpl timer) {
        TimerListImpl next = timer.next;
        TimerListImpl prev = timer.prev;
        if (prev == null) {
            timer.head.first = next;
            if (next != null) {
                next.head = timer.head;
            }
        } else {
            prev.next = next;
        }
        if (next != null) {
            next.prev = prev;
        }
        timer.next = null;
        timer.prev = null;
        timer.head = null;
        timer.pending = false;
    }

    /** {@code detach_if_pending}: the bucket's pending bit goes with its last timer. */
    boolean detachIfPendingLocked(TimerListImpl timer) {
        if (!timer.pending) {
            return false;
        }
        int idx = timer.idx;
        if (timer.next == null && timer.prev == null && timer.head == vectors[idx]) {
            pendingMap[idx >>> 6] &= ~(1L << idx);
            nextExpiryRecalc = true;
        }
        detachTimer(timer);
        return true;
    }

    // ---- the clock -------------------------------------------------------------------

    /**
     * {@code forward_timer_base}: a base that slept (its CPU idle, its tick stopped)
     * catches up with jiffies before a timer is queued, so the timer lands at the
     * right level; never past the first pending expiry.
     */
    void forwardTimerBaseLocked(long jnow) {
        if (jnow - clk < 1) {
            return;
        }
        if (nextExpiry - jnow > 0) {
            clk = jnow;
        } else if (nextExpiry - clk >= 0) {
            clk = nextExpiry;
        }
    }

    /** {@code next_pending_bucket}: distance from {@code clk} to the next non-empty bucket of a level, or -1. */
    private int nextPendingBucket(int offset, int clkIdx) {
        int start = offset + clkIdx;
        int end = offset + LVL_SIZE;
        int pos = nextSetBit(start, end);
        if (pos < end) {
            return pos - start;
        }
        pos = nextSetBit(offset, start);
        return pos < start ? pos + LVL_SIZE - start : -1;
    }

    /** {@code find_next_bit} in {@code pending_map}: the first set bit in [from, to), or {@code to}. */
    private int nextSetBit(int from, int to) {
        for (int i = from; i < to; ) {
            long word = pendingMap[i >>> 6] >>> (i & 63);
            if (word != 0) {
                int pos = i + Long.numberOfTrailingZeros(word);
                return Math.min(pos, to);
            }
            i = (i | 63) + 1;
        }
        return to;
    }

    /**
     * {@code timer_recalc_next_expiry}: the earliest bucket expiry over all levels,
     * looking at a higher level only while the next event could come from it before
     * the lower level's clock wraps into it.
     */
    void recalcNextExpiryLocked() {
        long next = clk + NEXT_TIMER_MAX_DELTA;
        long c = clk;
        int offset = 0;
        for (int lvl = 0; lvl < LVL_DEPTH; lvl++, offset += LVL_SIZE) {
            int pos = nextPendingBucket(offset, (int) (c & LVL_MASK));
            long lvlClk = c & LVL_CLK_MASK;
            if (pos >= 0) {
                long tmp = (c + pos) << lvlShift(lvl);
                if (tmp - next < 0) {
                    next = tmp;
                }
                if (pos <= ((LVL_CLK_DIV - lvlClk) & LVL_CLK_MASK)) {
                    break;
                }
            }
            long adj = lvlClk != 0 ? 1 : 0;
            c >>>= LVL_CLK_SHIFT;
            c += adj;
        }
        nextExpiry = next;
        nextExpiryRecalc = false;
        timersPending = next != clk + NEXT_TIMER_MAX_DELTA;
    }

    /**
     * {@code collect_expired_timers}: moves the buckets due at {@code next_expiry}
     * (which becomes clk) to {@link #heads}, one per level, going up a level only
     * when the lower level's clock wraps; the number of levels collected.
     */
    int collectExpiredTimersLocked() {
        long c = clk = nextExpiry;
        int levels = 0;
        for (int i = 0; i < LVL_DEPTH; i++) {
            int idx = (int) (c & LVL_MASK) + i * LVL_SIZE;
            long bit = 1L << idx;
            if ((pendingMap[idx >>> 6] & bit) != 0) {
                pendingMap[idx >>> 6] &= ~bit;
                Bucket from = vectors[idx];
                Bucket to = heads[levels++];
                to.first = from.first;
                from.first = null;
                if (to.first != null) {
                    to.first.head = to;
                }
            }
            if ((c & LVL_CLK_MASK) != 0) {
                break;
            }
            c >>>= LVL_CLK_SHIFT;
        }
        return levels;
    }
}
