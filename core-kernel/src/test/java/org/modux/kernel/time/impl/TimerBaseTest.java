package org.modux.kernel.time.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The timer wheel alone, driven jiffy by jiffy as {@code __run_timers} drives it:
 * Linux's bucket indexes and granularities, and no timer early or later than its
 * level's granularity.
 */
class TimerBaseTest {

    private static final long START = TimerCore.INITIAL_JIFFIES;

    private static TimerListImpl timer(long expires) {
        TimerListImpl t = new TimerListImpl(x -> { }, 0, 0);
        t.expires = expires;
        return t;
    }

    @Test
    void levelsAndGranularityAreLinuxs() {
        TimerBase base = new TimerBase(0, 0);
        assertEquals(11, base.calcWheelIndex(10, 0));
        assertEquals(11, base.bucketExpiry, "level 0 rounds up by one jiffy: never early at a tick's edge");
        assertEquals(64 + 13, base.calcWheelIndex(100, 0));
        assertEquals(104, base.bucketExpiry, "level 1: 8 jiffies");
        assertEquals(2 * 64 + 16, base.calcWheelIndex(1000, 0));
        assertEquals(1024, base.bucketExpiry, "level 2: 64 jiffies");
        assertEquals(63L << 24, TimerBase.WHEEL_TIMEOUT_CUTOFF);
        base.calcWheelIndex(1L << 40, 0);
        assertEquals(((TimerBase.WHEEL_TIMEOUT_MAX >> 24) + 1) << 24, base.bucketExpiry, "clamped to WHEEL_TIMEOUT_MAX");
        assertEquals(5, base.calcWheelIndex(3, 5), "an expiry in the past goes to the current bucket");
    }

    @Test
    void everyTimerExpiresNoEarlierThanItsExpiryAndWithinItsGranularity() {
        TimerBase base = new TimerBase(0, START);
        Random rnd = new Random(42);
        Map<TimerListImpl, Long> expiredAt = new HashMap<>();
        List<TimerListImpl> all = new ArrayList<>();
        Map<TimerListImpl, Long> addedAt = new HashMap<>();
        long now = START;
        for (int i = 0; i < 5000; i++) {
            long delta = switch (i % 4) {
                case 0 -> rnd.nextInt(64);
                case 1 -> rnd.nextInt(600);
                case 2 -> rnd.nextInt(5000);
                default -> rnd.nextInt(40000);
            };
            TimerListImpl t = timer(now + delta);
            all.add(t);
            addedAt.put(t, now);
            base.forwardTimerBaseLocked(now);
            base.internalAddTimerLocked(t);
            if (i % 10 == 9) {
                now = run(base, now + rnd.nextInt(20), expiredAt);
            }
        }
        TimerListImpl deleted = all.get(17);
        boolean wasPending = deleted.pending;
        assertEquals(wasPending, base.detachIfPendingLocked(deleted));
        now = run(base, now + 50_000, expiredAt);
        for (TimerListImpl t : all) {
            if (t == deleted && wasPending) {
                assertFalse(expiredAt.containsKey(t));
                continue;
            }
            long at = expiredAt.get(t);
            assertTrue(at >= t.expires, "early: " + t.expires + " ran at " + at);
            // The bucket of a level whose granularity is at most 8/63 of the timeout.
            long slack = Math.max(1, (t.expires - addedAt.get(t)) * 8 / 63);
            assertTrue(at - t.expires <= slack, "late: " + t.expires + " ran at " + at + ", added at "
                    + addedAt.get(t));
        }
        assertFalse(base.timersPending);
    }

    /** {@code __run_timers} for every jiffy up to {@code to}; records when each timer ran. */
    private static long run(TimerBase base, long to, Map<TimerListImpl, Long> expiredAt) {
        for (long j = base.clk; j - to <= 0; j++) {
            while (j - base.clk >= 0 && j - base.nextExpiry >= 0) {
                int levels = base.collectExpiredTimersLocked();
                base.clk++;
                base.recalcNextExpiryLocked();
                while (levels-- > 0) {
                    TimerBase.Bucket head = base.heads[levels];
                    while (head.first != null) {
                        TimerListImpl t = head.first;
                        TimerBase.detachTimer(t);
                        assertFalse(expiredAt.containsKey(t), "ran twice");
                        expiredAt.put(t, j);
                    }
                }
            }
        }
        return to;
    }
}
