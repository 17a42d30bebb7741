package org.modux.kernel.sched.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.modux.kernel.sched.impl.CfsRq.DEQUEUE_SLEEP;
import static org.modux.kernel.sched.impl.CfsRq.ENQUEUE_INITIAL;
import static org.modux.kernel.sched.impl.CfsRq.ENQUEUE_MIGRATED;
import static org.modux.kernel.sched.impl.CfsRq.ENQUEUE_WAKEUP;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * EEVDF on one run queue, checked against Linux 6.18's kernel/sched/fair.c: its
 * fixed-point arithmetic, hand-computed placements, CPU shares over ten seconds of
 * ticks, and pick_eevdf against a brute-force reading of its rule.
 */
class CfsRqTest {

    private static final long MS = 1_000_000;
    private static final long SLICE = 4 * MS;

    /** A queue starting at virtual time 0 with 4 ms slices, so hand computations stay readable. */
    private static CfsRq handQueue() {
        CfsRq rq = new CfsRq(0);
        rq.setBaseSlice(SLICE);
        rq.setTickNsec(4 * MS);
        return rq;
    }

    /* ------------------------------------------------------------ arithmetic */

    /** Values from Linux's __calc_delta (fls renormalisation, 64x32 multiply, shift). */
    @Test
    void calcDeltaMatchesLinuxFixedPoint() {
        assertEquals(3056716, calcDeltaFairOfNice(1_000_000, 5));
        assertEquals(11536, calcDeltaFairOfNice(1_000_000, -20));
        assertEquals(47786666, calcDeltaFairOfNice(700_000, 19));
        assertEquals(154170429, calcDeltaFairOfNice(123_456_789, 1));
        assertEquals(1312399, calcDeltaFairOfNice(4_000_000, -5));
        /* the fixed point, not exact division (which gives 9309090909090) */
        assertEquals(9309090852737L, calcDeltaFairOfNice(1_000_000_000_000L, 10));
        /* nice 0 is the identity */
        assertEquals(1_234_567, calcDeltaFairOfNice(1_234_567, 0));
        /* no precomputed inverse: WMULT_CONST / weight, as __update_inv_weight computes it */
        assertEquals(333333, CfsRq.calcDelta(1_000_000, 1024, 3072, 0));
    }

    private static long calcDeltaFairOfNice(long delta, int nice) {
        return CfsRq.calcDeltaFair(delta, new SchedEntity("t", nice));
    }

    @Test
    void defaultBaseSliceScalesWithLogOfCpus() {
        assertEquals(700_000, CfsRq.defaultBaseSlice(1));
        assertEquals(1_400_000, CfsRq.defaultBaseSlice(2));
        assertEquals(1_400_000, CfsRq.defaultBaseSlice(3));
        assertEquals(2_100_000, CfsRq.defaultBaseSlice(4));
        assertEquals(2_800_000, CfsRq.defaultBaseSlice(64));
    }

    /* ------------------------------------------------------------ CPU shares */

    @Test
    void niceZeroAndNiceFiveShareAsTheirWeights1msTick() {
        assertShares(1 * MS, 0, 5);
    }

    @Test
    void niceZeroAndNiceFiveShareAsTheirWeights4msTick() {
        assertShares(4 * MS, 0, 5);
    }

    /** Two tasks at nice 0 and 5 get 1024:335 of ten seconds of CPU, within 5%. */
    private static void assertShares(long tick, int niceA, int niceB) {
        CfsRq rq = new CfsRq();
        rq.setBaseSlice(CfsRq.defaultBaseSlice(2));
        rq.setTickNsec(tick);
        SchedEntity a = new SchedEntity("a", niceA);
        SchedEntity b = new SchedEntity("b", niceB);
        rq.enqueue(a, ENQUEUE_INITIAL, 0);
        rq.enqueue(b, ENQUEUE_INITIAL, 0);
        int switches = simulate(rq, tick, 10_000 * MS);

        double expected = 1024.0 / 335.0;
        double ratio = (double) a.sumExecRuntime / b.sumExecRuntime;
        assertEquals(expected, ratio, expected * 0.05, "a " + a.sumExecRuntime + " b " + b.sumExecRuntime);
        assertEquals(10_000 * MS, a.sumExecRuntime + b.sumExecRuntime);
        assertTrue(switches > 100, "switches " + switches);
    }

    @Test
    void threeNiceZeroTasksShareEqually() {
        for (long tick : new long[] {1 * MS, 4 * MS}) {
            CfsRq rq = new CfsRq();
            rq.setTickNsec(tick);
            List<SchedEntity> tasks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                SchedEntity se = new SchedEntity("t" + i, 0);
                rq.enqueue(se, ENQUEUE_INITIAL, 0);
                tasks.add(se);
            }
            simulate(rq, tick, 10_000 * MS);
            for (SchedEntity se : tasks) {
                double share = se.sumExecRuntime / (10_000.0 * MS);
                assertEquals(1.0 / 3, share, 0.02 / 3, se + " tick " + tick);
            }
        }
    }

    /**
     * The u64 virtual clock wraps (here past Long.MAX_VALUE) without the average or
     * the pick noticing: keys are relative to min_vruntime.
     */
    @Test
    void virtualTimeWrapsAround() {
        CfsRq rq = new CfsRq(Long.MAX_VALUE - 5 * MS);
        rq.setTickNsec(MS);
        SchedEntity a = new SchedEntity("a", 0);
        SchedEntity b = new SchedEntity("b", 5);
        rq.enqueue(a, ENQUEUE_INITIAL, 0);
        rq.enqueue(b, ENQUEUE_INITIAL, 0);
        simulate(rq, MS, 2_000 * MS);
        assertTrue(rq.minVruntime() < 0, "wrapped: " + rq.minVruntime());
        double ratio = (double) a.sumExecRuntime / b.sumExecRuntime;
        assertEquals(1024.0 / 335, ratio, 1024.0 / 335 * 0.05);
    }

    /**
     * The scheduler core's loop in miniature: a tick calls updateCurr; when it asks
     * for a resched, the CPU switches. Returns the number of switches.
     */
    private static int simulate(CfsRq rq, long tick, long until) {
        SchedEntity curr = rq.pickNext(0);
        int switches = 0;
        for (long now = tick; now <= until; now += tick) {
            rq.updateCurr(now);
            if (rq.reschedNeeded()) {
                rq.putPrev(curr, now);
                SchedEntity next = rq.pickNext(now);
                if (next != curr) {
                    switches++;
                }
                curr = next;
            }
            if (now % (100 * tick) == 0) {
                rq.verify();
            }
        }
        return switches;
    }

    /* ------------------------------------------------------------ placement */

    /**
     * A sleeps with negative lag and wakes later: it keeps its lag. Worked by hand:
     * A and B start at 0 with deadline 2 ms (half a 4 ms slice); A runs 3 ms, so
     * V = 1.5 ms and A leaves with vlag -1.5 ms. B runs alone for 2 ms (V = 2 ms).
     * On wake-up the saved lag is scaled by (W + w)/W = 2: A is placed at 2 + 3 = 5 ms,
     * after which V = 3.5 ms and A's lag is again -1.5 ms.
     */
    @Test
    void sleeperKeepsItsLag() {
        CfsRq rq = handQueue();
        SchedEntity a = new SchedEntity("a", 0);
        SchedEntity b = new SchedEntity("b", 0);
        rq.enqueue(a, ENQUEUE_INITIAL, 0);
        rq.enqueue(b, ENQUEUE_INITIAL, 0);
        assertEquals(2 * MS, a.deadline);
        assertEquals(2 * MS, b.deadline);

        assertSame(a, rq.pickNext(0));
        rq.updateCurr(3 * MS);
        assertEquals(3 * MS, a.vruntime);
        assertEquals(7 * MS, a.deadline, "request done: one slice further");
        assertTrue(rq.reschedNeeded());

        rq.dequeue(a, DEQUEUE_SLEEP, 3 * MS);
        assertEquals(-1_500_000, a.vlag);
        assertFalse(a.onRq);
        assertEquals(1, rq.nrRunning());
        assertSame(b, rq.pickNext(3 * MS));
        assertNull(a.rbParent);

        rq.updateCurr(5 * MS);
        assertEquals(2 * MS, b.vruntime);
        assertEquals(6 * MS, b.deadline, "vruntime reached the deadline: new request");
        assertFalse(rq.reschedNeeded(), "alone on the queue");
        assertEquals(2 * MS, rq.minVruntime());

        rq.enqueue(a, ENQUEUE_WAKEUP, 5 * MS);
        assertEquals(5 * MS, a.vruntime);
        assertEquals(9 * MS, a.deadline);
        assertEquals(3_500_000, rq.avgVruntime());
        assertEquals(-1_500_000, rq.avgVruntime() - a.vruntime, "lag kept");
        assertFalse(rq.entityEligible(a));
        assertFalse(rq.wakeupPreempt(a, 5 * MS), "A is owed nothing");
        rq.verify();
    }

    /** The saved lag is clamped to the virtual length of max(2 * slice, TICK_NSEC). */
    @Test
    void sleeperLagIsClamped() {
        CfsRq rq = handQueue();
        SchedEntity a = new SchedEntity("a", 5);
        SchedEntity b = new SchedEntity("b", 0);
        rq.enqueue(a, 0, 0);
        rq.enqueue(b, 0, 0);
        rq.pickNext(0);
        if (rq.curr() != a) {
            rq.dequeue(b, DEQUEUE_SLEEP, 0);
            assertSame(a, rq.pickNext(0));
            rq.enqueue(b, ENQUEUE_WAKEUP, 0);
        }
        rq.updateCurr(40 * MS);
        rq.dequeue(a, DEQUEUE_SLEEP, 40 * MS);
        assertEquals(-CfsRq.calcDeltaFair(2 * SLICE, a), a.vlag);
    }

    /** A new task's first deadline is half a request away (PLACE_DEADLINE_INITIAL). */
    @Test
    void newTaskStartsWithHalfASlice() {
        CfsRq rq = handQueue();
        SchedEntity old = new SchedEntity("old", 0);
        rq.enqueue(old, ENQUEUE_INITIAL, 0);
        rq.pickNext(0);
        rq.updateCurr(3 * MS);

        SchedEntity child = new SchedEntity("child", 5);
        rq.enqueue(child, ENQUEUE_INITIAL, 3 * MS);
        assertEquals(rq.avgVruntime(), child.vruntime, "zero lag: placed at V");
        assertEquals(CfsRq.calcDeltaFair(SLICE, child) / 2, child.deadline - child.vruntime);

        SchedEntity woken = new SchedEntity("woken", 5);
        rq.enqueue(woken, ENQUEUE_WAKEUP, 3 * MS);
        assertEquals(CfsRq.calcDeltaFair(SLICE, woken), woken.deadline - woken.vruntime);
        rq.verify();
    }

    /**
     * A task migrated while queued keeps its place in its request: its deadline
     * travels relative to its vruntime (PLACE_REL_DEADLINE), and it is no longer hot.
     */
    @Test
    void migratedTaskKeepsRelativeDeadline() {
        CfsRq from = handQueue();
        SchedEntity a = new SchedEntity("a", 0);
        SchedEntity b = new SchedEntity("b", 0);
        from.enqueue(a, ENQUEUE_INITIAL, 0);
        from.enqueue(b, ENQUEUE_INITIAL, 0);
        assertSame(a, from.pickNext(0));
        from.updateCurr(MS);
        long relative = b.deadline - b.vruntime;

        from.dequeue(b, 0, MS);
        assertTrue(b.relDeadline);
        CfsRq to = new CfsRq();
        to.setBaseSlice(SLICE);
        SchedEntity c = new SchedEntity("c", 0);
        to.enqueue(c, ENQUEUE_INITIAL, 0);
        to.pickNext(0);
        to.updateCurr(7 * MS);
        b.nrMigrations++;
        to.enqueue(b, ENQUEUE_MIGRATED | ENQUEUE_WAKEUP, 7 * MS);
        assertFalse(b.relDeadline);
        assertEquals(relative, b.deadline - b.vruntime);
        assertEquals(0, b.execStart);
        to.verify();
    }

    /* ------------------------------------------------------------ picking */

    /**
     * A has the earliest deadline but has run ahead of V (vruntime 1 ms, V 0.5 ms):
     * it is not eligible, and B is picked.
     */
    @Test
    void ineligibleEntityIsNotPickedDespiteEarliestDeadline() {
        CfsRq rq = handQueue();
        SchedEntity a = new SchedEntity("a", 0);
        SchedEntity b = new SchedEntity("b", 0);
        rq.enqueue(a, ENQUEUE_INITIAL, 0);
        rq.enqueue(b, 0, 0);
        assertSame(a, rq.pickNext(0));
        rq.updateCurr(MS);
        assertFalse(rq.reschedNeeded(), "inside its protected slice");
        rq.putPrev(a, MS);

        assertEquals(500_000, rq.avgVruntime());
        assertTrue(a.deadline < b.deadline);
        assertFalse(rq.entityEligible(a));
        assertTrue(rq.entityEligible(b));
        assertSame(b, rq.pickNext(MS));
        assertEquals(MS, b.execStart);
        assertEquals(b.sumExecRuntime, b.prevSumExecRuntime);
    }

    @Test
    void emptyQueuePicksNothingAndPutsPrev() {
        CfsRq rq = handQueue();
        assertNull(rq.pickNext(0));
        SchedEntity a = new SchedEntity("a", 0);
        rq.enqueue(a, ENQUEUE_INITIAL, 0);
        assertSame(a, rq.pickNext(0));
        rq.dequeue(a, DEQUEUE_SLEEP, MS);
        assertEquals(MS, a.sumExecRuntime);
        assertNull(rq.pickNext(MS));
        assertNull(rq.curr());
        assertEquals(0, rq.nrRunning());
    }

    /**
     * pick_eevdf on up to 1000 entities with random weights, slices, lags and runs
     * returns what a brute-force scan of Linux's rule returns: the earliest deadline
     * among the eligible (exact \Sum w_i (v_i - V) >= 0 in BigInteger), curr when it
     * is eligible and inside its protected slice or strictly earlier.
     */
    @Test
    void pickMatchesBruteForceOnRandomQueues() {
        Random rnd = new Random(20251130);
        CfsRq rq = new CfsRq();
        rq.setBaseSlice(CfsRq.defaultBaseSlice(4));
        List<SchedEntity> all = new ArrayList<>();
        List<SchedEntity> sleeping = new ArrayList<>();
        long now = 0;
        int checks = 0;

        for (int i = 0; i < 1000; i++) {
            SchedEntity se = new SchedEntity(i, rnd.nextInt(40) - 20);
            if (rnd.nextInt(4) == 0) {
                se.customSlice = true;
                se.slice = 100_000 + rnd.nextInt(10_000_000);
            }
            se.vlag = rnd.nextLong(-5 * MS, 5 * MS);
            rq.enqueue(se, rnd.nextBoolean() ? ENQUEUE_WAKEUP : ENQUEUE_INITIAL, now);
            all.add(se);

            if (i % 5 == 0) {
                now += rnd.nextInt(3_000_000);
                rq.updateCurr(now);
                if (rq.curr() == null || rq.reschedNeeded() || rnd.nextInt(3) == 0) {
                    rq.pickNext(now);
                }
            }
            if (i % 7 == 0) {
                SchedEntity victim = all.get(rnd.nextInt(all.size()));
                if (victim.onRq) {
                    rq.dequeue(victim, rnd.nextBoolean() ? DEQUEUE_SLEEP : 0, now);
                    sleeping.add(victim);
                    if (victim == rq.curr()) {
                        rq.pickNext(now);
                    }
                }
            }
            if (i % 11 == 0 && !sleeping.isEmpty()) {
                rq.enqueue(sleeping.remove(rnd.nextInt(sleeping.size())), ENQUEUE_WAKEUP, now);
            }
            if (i % 3 == 0) {
                rq.verify();
                assertSame(bruteForcePick(rq, all), rq.pickEevdf(), "step " + i);
                checks++;
            }
        }
        assertTrue(rq.nrRunning() > 900, "queued " + rq.nrRunning());
        assertTrue(checks > 300);
    }

    /**
     * The same comparison on fresh queues where entities ran briefly in turn: each ran
     * ahead of V but kept the early deadline of its unfinished request, so the
     * earliest deadlines are mostly not eligible and the pick has to search the tree
     * by min_vruntime. Checked between runs and with the last one still running.
     */
    @Test
    void pickMatchesBruteForceWhenEarliestDeadlinesAreIneligible() {
        Random rnd = new Random(7);
        int heapSearches = 0;
        int checks = 0;
        for (int trial = 0; trial < 100; trial++) {
            CfsRq rq = new CfsRq();
            List<SchedEntity> all = new ArrayList<>();
            int n = 2 + rnd.nextInt(300);
            for (int i = 0; i < n; i++) {
                SchedEntity se = new SchedEntity(i, rnd.nextInt(40) - 20);
                se.customSlice = true;
                se.slice = 100_000 + rnd.nextLong(20 * MS);
                rq.enqueue(se, ENQUEUE_INITIAL, 0);
                all.add(se);
            }
            long now = 0;
            for (int run = 0; run < n / 2; run++) {
                SchedEntity curr = rq.pickNext(now);
                now += 1 + rnd.nextLong(curr.slice / 4);
                rq.updateCurr(now);
                if (run % 10 == 0) {
                    assertSame(bruteForcePick(rq, all), rq.pickEevdf(), "trial " + trial + " run " + run);
                }
                rq.putPrev(curr, now);
                if (!rq.entityEligible(rq.first())) {
                    heapSearches++;
                }
                assertSame(bruteForcePick(rq, all), rq.pickEevdf(), "trial " + trial + " after run " + run);
                checks++;
            }
            rq.verify();
        }
        assertTrue(heapSearches > checks / 2, "leftmost ineligible in " + heapSearches + " of " + checks);
    }

    private static SchedEntity bruteForcePick(CfsRq rq, List<SchedEntity> all) {
        List<SchedEntity> queued = all.stream().filter(se -> se.onRq).toList();
        if (queued.size() == 1) {
            return queued.get(0);
        }
        long v0 = rq.minVruntime();
        BigInteger sum = BigInteger.ZERO;
        BigInteger load = BigInteger.ZERO;
        for (SchedEntity se : queued) {
            sum = sum.add(BigInteger.valueOf(se.vruntime - v0).multiply(BigInteger.valueOf(se.weight)));
            load = load.add(BigInteger.valueOf(se.weight));
        }
        SchedEntity curr = rq.curr();
        SchedEntity c = null;
        if (curr != null && curr.onRq && eligible(curr, v0, sum, load)) {
            c = curr;
            if (c.vruntime - c.vprot < 0) {
                return c;
            }
        }
        SchedEntity best = null;
        for (SchedEntity se : queued) {
            if (se != curr && eligible(se, v0, sum, load)
                    && (best == null || se.deadline - best.deadline < 0)) {
                best = se;
            }
        }
        if (best == null || (c != null && c.deadline - best.deadline < 0)) {
            best = c;
        }
        return best;
    }

    private static boolean eligible(SchedEntity se, long v0, BigInteger sum, BigInteger load) {
        return sum.compareTo(BigInteger.valueOf(se.vruntime - v0).multiply(load)) >= 0;
    }

    /* ------------------------------------------------------------ preemption */

    /**
     * A runs inside its protected slice (RUN_TO_PARITY) and stays eligible when C
     * wakes with an earlier deadline: no preemption. The setup, by hand: A at 0
     * (deadline 2 ms), B woken with vlag -2 ms lands at 4 ms; A runs 0.5 ms; C wakes
     * with vlag 3.2 ms, scaled by 3/2 to 4.8 ms below V = 2.25 ms: vruntime -2.55 ms,
     * deadline 1.45 ms. V becomes 0.65 ms, so A (0.5 ms) is still eligible.
     */
    @Test
    void protectedCurrIsNotPreemptedByEarlierDeadline() {
        CfsRq rq = handQueue();
        SchedEntity a = protectedCurr(rq);
        SchedEntity c = wake(rq, "c", 3_200_000, 0);
        assertEquals(-2_550_000, c.vruntime);
        assertEquals(1_450_000, c.deadline);
        assertTrue(rq.entityEligible(a));
        assertTrue(rq.entityEligible(c));
        assertTrue(c.deadline < a.deadline);

        assertFalse(rq.wakeupPreempt(c, MS / 2));
        assertFalse(rq.reschedNeeded());
        assertEquals(2 * MS, a.vprot, "protection untouched");
    }

    /** The same waker with a shorter slice (PREEMPT_SHORT) breaks the protection and wins. */
    @Test
    void shorterSliceWakerPreemptsProtectedCurr() {
        CfsRq rq = handQueue();
        SchedEntity a = protectedCurr(rq);
        SchedEntity c = wake(rq, "c", 3_200_000, MS);
        assertEquals(-1_550_000, c.deadline);

        assertTrue(rq.wakeupPreempt(c, MS / 2));
        assertTrue(rq.reschedNeeded());
        assertEquals(a.vruntime, a.vprot, "protection cancelled");
        assertSame(c, rq.pickNext(MS / 2));
    }

    /** A shorter-slice waker that is not eligible only shortens curr's protection to its slice. */
    @Test
    void shorterSliceWakerShortensProtection() {
        CfsRq rq = handQueue();
        SchedEntity a = protectedCurr(rq);
        SchedEntity c = wake(rq, "c", -MS, MS);
        assertFalse(rq.entityEligible(c));

        assertFalse(rq.wakeupPreempt(c, MS / 2));
        assertEquals(a.vruntime + MS, a.vprot);
    }

    /** A queue where A is curr, has run 0.5 ms and is protected up to its deadline 2 ms. */
    private static SchedEntity protectedCurr(CfsRq rq) {
        SchedEntity a = new SchedEntity("a", 0);
        rq.enqueue(a, ENQUEUE_INITIAL, 0);
        SchedEntity b = wake(rq, "b", -2 * MS, 0);
        assertEquals(4 * MS, b.vruntime);
        assertSame(a, rq.pickNext(0));
        assertEquals(2 * MS, a.vprot);
        rq.updateCurr(MS / 2);
        return a;
    }

    private static SchedEntity wake(CfsRq rq, String name, long vlag, long customSlice) {
        SchedEntity se = new SchedEntity(name, 0);
        se.vlag = vlag;
        if (customSlice != 0) {
            se.customSlice = true;
            se.slice = customSlice;
        }
        long now = rq.curr() == null ? 0 : rq.curr().execStart;
        rq.enqueue(se, ENQUEUE_WAKEUP, now);
        return se;
    }

    /**
     * Curr A has run past V (not eligible) though its slice is not used up; D wakes
     * with positive lag and the earliest deadline: it preempts. Another waker with
     * zero lag does not, because B is ahead of it.
     */
    @Test
    void wakerWithLagPreemptsIneligibleCurr() {
        CfsRq rq = handQueue();
        SchedEntity a = new SchedEntity("a", 0);
        SchedEntity b = new SchedEntity("b", 0);
        rq.enqueue(a, ENQUEUE_INITIAL, 0);
        rq.enqueue(b, ENQUEUE_INITIAL, 0);
        assertSame(a, rq.pickNext(0));
        rq.updateCurr(MS);

        SchedEntity zero = new SchedEntity("zero", 0);
        rq.enqueue(zero, ENQUEUE_WAKEUP, MS);
        assertFalse(rq.wakeupPreempt(zero, MS), "B's deadline is earlier");

        SchedEntity d = new SchedEntity("d", 0);
        d.vlag = 2 * MS;
        rq.enqueue(d, ENQUEUE_WAKEUP, MS);
        assertTrue(rq.wakeupPreempt(d, MS));
        assertSame(d, rq.pickNext(MS));
        rq.verify();
    }

    @Test
    void wakeupOnIdleQueuePreempts() {
        CfsRq rq = handQueue();
        SchedEntity a = new SchedEntity("a", 0);
        rq.enqueue(a, ENQUEUE_WAKEUP, 0);
        assertTrue(rq.wakeupPreempt(a, 0));
    }

    /* ------------------------------------------------------------ yield, renice */

    /** An eligible curr forfeits its request: vruntime to the deadline, deadline one slice on. */
    @Test
    void yieldForfeitsTheRestOfTheRequest() {
        CfsRq rq = handQueue();
        SchedEntity a = protectedCurr(rq);
        long deadline = a.deadline;
        rq.yieldCurr(MS / 2);
        assertEquals(deadline, a.vruntime);
        assertEquals(deadline + SLICE, a.deadline);

        CfsRq alone = handQueue();
        SchedEntity s = new SchedEntity("s", 0);
        alone.enqueue(s, ENQUEUE_INITIAL, 0);
        alone.pickNext(0);
        alone.yieldCurr(MS / 2);
        assertEquals(0, s.vruntime, "alone: yield is a no-op");
    }

    /**
     * Renice of a queued task keeps its lag in the Linux sense: w * (V - v) before
     * equals w' * (V' - v') after, to rounding.
     */
    @Test
    void reweightOfQueuedEntityKeepsItsLag() {
        CfsRq rq = handQueue();
        SchedEntity a = new SchedEntity("a", 0);
        rq.enqueue(a, ENQUEUE_INITIAL, 0);
        SchedEntity b = wake(rq, "b", MS, 0);
        wake(rq, "c", -MS, 0);
        SchedEntity curr = rq.pickNext(0);
        rq.updateCurr(MS);
        SchedEntity victim = curr == b ? a : b;

        long realLagBefore = (rq.avgVruntime() - victim.vruntime) * victim.weight;
        assertTrue(realLagBefore != 0);
        rq.reweightEntity(victim, 5, MS);
        assertEquals(335, victim.weight);
        assertTrue(victim.onRq);
        long realLagAfter = (rq.avgVruntime() - victim.vruntime) * victim.weight;
        assertEquals(realLagBefore, realLagAfter, 3 * 1024);
        assertSame(curr, rq.curr());
        rq.verify();
    }

    /** Renice of the running task down in priority keeps it curr, keeps its lag and asks for a resched. */
    @Test
    void reweightOfCurrKeepsLagAndReschedules() {
        CfsRq rq = handQueue();
        SchedEntity a = new SchedEntity("a", 0);
        rq.enqueue(a, ENQUEUE_INITIAL, 0);
        wake(rq, "b", -MS, 0);
        assertSame(a, rq.pickNext(0));
        rq.updateCurr(MS / 2);
        long realLagBefore = (rq.avgVruntime() - a.vruntime) * a.weight;

        rq.reweightEntity(a, 10, MS / 2);
        assertSame(a, rq.curr());
        assertEquals(110, a.weight);
        assertTrue(rq.reschedNeeded());
        long realLagAfter = (rq.avgVruntime() - a.vruntime) * a.weight;
        assertEquals(realLagBefore, realLagAfter, 3 * 1024);
        rq.verify();
    }
}
