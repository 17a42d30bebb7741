package org.modux.kernel.sched.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The fair class's run queue of one CPU, scheduling by EEVDF (Earliest Eligible
 * Virtual Deadline First) as Linux 6.18 does it (Linux: kernel/sched/fair.c,
 * {@code struct cfs_rq} in kernel/sched/sched.h). The scheduler core calls it with
 * the run queue locked: it enqueues and dequeues entities, charges run time at each
 * tick ({@link #updateCurr}), asks {@link #reschedNeeded()} and switches with
 * {@link #pickNext}. Pure arithmetic: no threads, no clock of its own, every method
 * takes the time it runs at.
 *
 * <p>The queued entities other than {@code curr} sit in a red-black tree ordered by
 * virtual deadline (ties: first in, first out) and augmented with each subtree's
 * smallest vruntime and slice, so that {@link #pickEevdf()} finds the earliest
 * eligible deadline in O(log n). The weighted average V of all queued vruntimes
 * (curr included) is kept incrementally as Linux keeps it: {@code avgVruntimeSum} is
 * \Sum (v_i - min_vruntime) * w_i and {@code avgLoad} is \Sum w_i over the tree, so the
 * products stay small however large the u64 vruntimes grow; {@code minVruntime} only
 * moves forward and the sum is shifted when it does.
 *
 * <p>Linux's scheduler features are fixed at their 6.18 defaults: PLACE_LAG,
 * PLACE_DEADLINE_INITIAL, PLACE_REL_DEADLINE, RUN_TO_PARITY, PREEMPT_SHORT,
 * WAKEUP_PREEMPTION on; NEXT_BUDDY off (so no buddies are kept); DELAY_DEQUEUE taken
 * as off: a sleeping entity leaves the queue at once with its (clamped) lag, as with
 * {@code echo NO_DELAY_DEQUEUE > /sys/kernel/debug/sched/features}. Keeping an
 * ineligible sleeper queued would need the core to know about "delayed" tasks.
 * There are no task groups: each task's entity is directly on its CPU's queue, so
 * {@code nr_queued} equals {@code h_nr_queued}. PELT load tracking is not modelled.
 *
 * <p>Guarded by the owning CPU's run-queue lock; not thread-safe by itself.
 */
public final class CfsRq {

    /* enqueue_task flags (Linux: kernel/sched/sched.h; Modux uses only the names). */
    public static final int ENQUEUE_WAKEUP = 0x01;
    public static final int ENQUEUE_RESTORE = 0x02;
    public static final int ENQUEUE_MOVE = 0x04;
    public static final int ENQUEUE_MIGRATED = 0x40;
    /** A new task (wake_up_new_task): starts with half a slice (PLACE_DEADLINE_INITIAL). */
    public static final int ENQUEUE_INITIAL = 0x80;

    /* dequeue_task flags. */
    public static final int DEQUEUE_SLEEP = 0x01;
    /** Taken off only to be put back (renice, setscheduler): min_vruntime stays put. */
    public static final int DEQUEUE_SAVE = 0x02;
    public static final int DEQUEUE_MOVE = 0x04;

    /** normalized_sysctl_sched_base_slice: 0.70 ms since Linux 6.17 (0.75 ms before). */
    public static final long NORMALIZED_SYSCTL_SCHED_BASE_SLICE = 700_000;
    /** TICK_NSEC for the Kconfig default HZ=250. */
    public static final long DEFAULT_TICK_NSEC = 4_000_000;

    private static final long WMULT_CONST = 0xFFFF_FFFFL;
    private static final int WMULT_SHIFT = 32;

    /** sysctl_sched_base_slice. */
    private long baseSliceNs = NORMALIZED_SYSCTL_SCHED_BASE_SLICE;
    private long tickNsec = DEFAULT_TICK_NSEC;

    /** load.weight: every queued entity, curr included. */
    private long loadWeight;
    /** nr_queued: every queued entity, curr included. */
    private int nrQueued;
    /** avg_vruntime: \Sum (v_i - minVruntime) * w_i over the tree (curr excluded). */
    private long avgVruntimeSum;
    /** avg_load: \Sum w_i over the tree (curr excluded). */
    private long avgLoad;
    /** min_vruntime: monotonic base of the keys. */
    private long minVruntime;

    /** tasks_timeline: root of the deadline-ordered tree. */
    private SchedEntity root;
    private SchedEntity curr;
    /** TIF_NEED_RESCHED for this queue's curr: set by resched_curr, cleared by the switch. */
    private boolean needResched;

    /**
     * An empty run queue with the normalized base slice and HZ=250 ticks. Like
     * Linux's init_cfs_rq it starts min_vruntime at -(1 &lt;&lt; 20), so that u64
     * wrap-around happens in the first millisecond rather than never.
     */
    public CfsRq() {
        this(-(1L << 20));
    }

    /** An empty run queue whose virtual time starts at the given min_vruntime. */
    CfsRq(long initialMinVruntime) {
        minVruntime = initialMinVruntime;
    }

    /**
     * sysctl_sched_base_slice as Linux sets it at boot (update_sysctl,
     * SCHED_TUNABLESCALING_LOG): the normalized slice times 1 + ilog2(min(ncpus, 8)).
     */
    public static long defaultBaseSlice(int ncpus) {
        int cpus = Math.min(Math.max(ncpus, 1), 8);
        return NORMALIZED_SYSCTL_SCHED_BASE_SLICE * (1 + 31 - Integer.numberOfLeadingZeros(cpus));
    }

    /** Sets sysctl_sched_base_slice (/sys/kernel/debug/sched/base_slice_ns). */
    public void setBaseSlice(long ns) {
        if (ns <= 0) {
            throw new IllegalArgumentException("base slice " + ns);
        }
        baseSliceNs = ns;
    }

    public long baseSlice() {
        return baseSliceNs;
    }

    /** Sets TICK_NSEC, the floor of the lag clamp (1 000 000 000 / HZ). */
    public void setTickNsec(long ns) {
        if (ns <= 0) {
            throw new IllegalArgumentException("tick " + ns);
        }
        tickNsec = ns;
    }

    /** cfs_rq->nr_queued: queued entities, curr included while it is on the queue. */
    public int nrRunning() {
        return nrQueued;
    }

    /** cfs_rq->curr: the entity running on this CPU, or null. */
    public SchedEntity curr() {
        return curr;
    }

    /** cfs_rq->min_vruntime. */
    public long minVruntime() {
        return minVruntime;
    }

    /** cfs_rq->avg_load: the weight of the queued entities in the tree (curr excluded). */
    public long avgLoad() {
        return avgLoad;
    }

    /** cfs_rq->load.weight: the weight of all queued entities, curr included. */
    public long loadWeight() {
        return loadWeight;
    }

    /** Whether curr should give up the CPU (need_resched); cleared by {@link #pickNext}. */
    public boolean reschedNeeded() {
        return needResched;
    }

    /* ---------------------------------------------------------------- arithmetic */

    /**
     * delta_exec * weight / lw_weight in Linux's fixed point (Linux: __calc_delta and
     * __update_inv_weight): weight times the 32-bit inverse of lw_weight, renormalised
     * into 32 bits, then a 64x32 multiply and shift. lwInvWeight 0 means "compute it"
     * (WMULT_CONST / lw_weight, as for a run queue's load).
     */
    static long calcDelta(long deltaExec, long weight, long lwWeight, long lwInvWeight) {
        long inv = lwInvWeight != 0 ? lwInvWeight : updateInvWeight(lwWeight);
        long fact = weight;
        int shift = WMULT_SHIFT;
        long factHi = fact >>> 32;
        if (factHi != 0) {
            int fs = fls(factHi);
            shift -= fs;
            fact >>>= fs;
        }
        fact = (fact & WMULT_CONST) * inv; /* mul_u32_u32: fits 64 bits unsigned */
        factHi = fact >>> 32;
        if (factHi != 0) {
            int fs = fls(factHi);
            shift -= fs;
            fact >>>= fs;
        }
        return mulU64U32Shr(deltaExec, fact, shift);
    }

    /** Linux: calc_delta_fair, delta / w: run time to the entity's virtual time. */
    static long calcDeltaFair(long delta, SchedEntity se) {
        if (se.weight != SchedPrio.NICE_0_LOAD) {
            return calcDelta(delta, SchedPrio.NICE_0_LOAD, se.weight, se.invWeight);
        }
        return delta;
    }

    private static long updateInvWeight(long w) {
        if (Long.compareUnsigned(w, WMULT_CONST) >= 0) {
            return 1;
        }
        if (w == 0) {
            return WMULT_CONST;
        }
        return WMULT_CONST / w;
    }

    /** fls: 1-based index of the highest set bit of a non-zero 32-bit value. */
    private static int fls(long x) {
        return 64 - Long.numberOfLeadingZeros(x);
    }

    /** mul_u64_u32_shr: the 128-bit product a * mul shifted right, truncated to 64 bits. */
    private static long mulU64U32Shr(long a, long mul, int shift) {
        long lo = a * mul;
        if (shift == 0) {
            return lo;
        }
        long hi = Math.unsignedMultiplyHigh(a, mul);
        return (lo >>> shift) | (hi << (64 - shift));
    }

    /* ------------------------------------------------------ virtual time average */

    /** Linux: entity_key, the vruntime relative to min_vruntime. */
    private long entityKey(SchedEntity se) {
        return se.vruntime - minVruntime;
    }

    /** Linux: avg_vruntime_add. */
    private void avgVruntimeAdd(SchedEntity se) {
        avgVruntimeSum += entityKey(se) * se.weight;
        avgLoad += se.weight;
    }

    /** Linux: avg_vruntime_sub. */
    private void avgVruntimeSub(SchedEntity se) {
        avgVruntimeSum -= entityKey(se) * se.weight;
        avgLoad -= se.weight;
    }

    /**
     * V, the weighted average vruntime of the queued entities, curr included
     * (Linux: avg_vruntime). Rounded towards minus infinity, so that an entity at
     * exactly V is eligible. With nothing queued it is min_vruntime.
     */
    public long avgVruntime() {
        long avg = avgVruntimeSum;
        long load = avgLoad;
        if (curr != null && curr.onRq) {
            avg += entityKey(curr) * curr.weight;
            load += curr.weight;
        }
        if (load != 0) {
            /* the sign flips the effective floor / ceiling of the division */
            if (avg < 0) {
                avg -= load - 1;
            }
            avg /= load;
        }
        return minVruntime + avg;
    }

    /**
     * Whether an entity at this vruntime is owed service, lag >= 0, tested without
     * the rounding of a division (Linux: vruntime_eligible): \Sum (v_i - v0) w_i >=
     * (v - v0) \Sum w_i. Plain 64-bit products, as Linux 6.18 computes them.
     */
    private boolean vruntimeEligible(long vruntime) {
        long avg = avgVruntimeSum;
        long load = avgLoad;
        if (curr != null && curr.onRq) {
            avg += entityKey(curr) * curr.weight;
            load += curr.weight;
        }
        return avg >= (vruntime - minVruntime) * load;
    }

    /** Linux: entity_eligible. */
    boolean entityEligible(SchedEntity se) {
        return vruntimeEligible(se.vruntime);
    }

    /** Linux: __update_min_vruntime, moving the keys' base forward and the sum with it. */
    private long advanceMinVruntime(long vruntime) {
        long delta = vruntime - minVruntime;
        if (delta > 0) {
            /* v' = v + d ==> avg_vruntime' = avg_vruntime - d * avg_load */
            avgVruntimeSum -= avgLoad * delta;
            return vruntime;
        }
        return minVruntime;
    }

    /**
     * Linux: update_min_vruntime. min_vruntime follows the smallest vruntime of curr
     * and the tree, and never goes backwards.
     */
    private void updateMinVruntime() {
        SchedEntity c = curr;
        long vruntime = minVruntime;
        if (c != null) {
            if (c.onRq) {
                vruntime = c.vruntime;
            } else {
                c = null;
            }
        }
        if (root != null) {
            vruntime = c == null ? root.minVruntime : minOf(vruntime, root.minVruntime);
        }
        minVruntime = advanceMinVruntime(vruntime);
    }

    /** Linux: cfs_rq_min_slice, the shortest request among curr and the tree. */
    private long cfsRqMinSlice() {
        long minSlice = Long.MAX_VALUE;
        if (curr != null && curr.onRq) {
            minSlice = curr.slice;
        }
        if (root != null) {
            minSlice = Math.min(minSlice, root.minSlice);
        }
        return minSlice;
    }

    /* ----------------------------------------------------------- lag and deadline */

    /**
     * Linux: update_entity_lag. Saves vlag = V - v_i, clamped to the virtual length
     * of max(2 * slice, TICK_NSEC): adding and removing entities moves V, and without
     * the clamp a lag could grow beyond what EEVDF ever owes.
     */
    private void updateEntityLag(SchedEntity se) {
        long vlag = avgVruntime() - se.vruntime;
        long limit = calcDeltaFair(Math.max(2 * se.slice, tickNsec), se);
        se.vlag = Math.max(-limit, Math.min(limit, vlag));
    }

    /**
     * Linux: update_deadline. Once vruntime reaches the deadline the request is
     * complete: a new one of one slice starts, vd_i = ve_i + r_i / w_i.
     *
     * @return true if the request ended, so curr should be rescheduled
     */
    private boolean updateDeadline(SchedEntity se) {
        if (se.vruntime - se.deadline < 0) {
            return false;
        }
        if (!se.customSlice) {
            se.slice = baseSliceNs;
        }
        se.deadline = se.vruntime + calcDeltaFair(se.slice, se);
        return true;
    }

    /**
     * Linux: place_entity. Places an entity joining the queue at V minus its saved
     * lag (PLACE_LAG). Joining moves V itself: with the entity's weight w_i in the
     * average, V' = V - w_i * vl_i / (W + w_i), so the lag it would have is smaller
     * than the one it had. Scaling the saved lag by (W + w_i) / W first makes the lag
     * after joining equal the saved one. A relative deadline (PLACE_REL_DEADLINE) is
     * made absolute again; otherwise the deadline is one request ahead, or half of one
     * for a new task (PLACE_DEADLINE_INITIAL), since the others are on average half
     * way through theirs.
     */
    private void placeEntity(SchedEntity se, int flags) {
        long vruntime = avgVruntime();
        long lag = 0;

        if (!se.customSlice) {
            se.slice = baseSliceNs;
        }
        long vslice = calcDeltaFair(se.slice, se);

        if (nrQueued != 0 && se.vlag != 0) {
            long load = avgLoad;
            if (curr != null && curr.onRq) {
                load += curr.weight;
            }
            lag = se.vlag * (load + se.weight);
            if (load == 0) {
                load = 1;
            }
            lag /= load;
        }

        se.vruntime = vruntime - lag;

        if (se.relDeadline) {
            se.deadline += se.vruntime;
            se.relDeadline = false;
            return;
        }
        if ((flags & ENQUEUE_INITIAL) != 0) {
            vslice /= 2;
        }
        se.deadline = se.vruntime + vslice;
    }

    /* ----------------------------------------------------------- slice protection */

    /**
     * Linux: set_protect_slice. When an entity is picked it may run up to its
     * deadline before a pick considers others (RUN_TO_PARITY), but no longer than
     * the shortest slice queued, so that a short-slice entity is not held up.
     */
    private void setProtectSlice(SchedEntity se) {
        long slice = Math.min(cfsRqMinSlice(), se.slice);
        long vprot = se.deadline;
        if (slice != se.slice) {
            vprot = minOf(vprot, se.vruntime + calcDeltaFair(slice, se));
        }
        se.vprot = vprot;
    }

    /** Linux: update_protect_slice, shortening the protection to the shortest slice queued. */
    private void updateProtectSlice(SchedEntity se) {
        long slice = cfsRqMinSlice();
        se.vprot = minOf(se.vprot, se.vruntime + calcDeltaFair(slice, se));
    }

    /** Linux: protect_slice. */
    private static boolean protectSlice(SchedEntity se) {
        return se.vruntime - se.vprot < 0;
    }

    /** Linux: cancel_protect_slice. */
    private static void cancelProtectSlice(SchedEntity se) {
        if (protectSlice(se)) {
            se.vprot = se.vruntime;
        }
    }

    /* ------------------------------------------------------------------- picking */

    /**
     * The entity EEVDF runs next, without side effects (Linux: pick_eevdf): among
     * the eligible entities, curr included, the one with the earliest virtual
     * deadline; curr wins ties, and wins outright while it is eligible and inside its
     * protected slice. Null only if nothing is queued.
     */
    SchedEntity pickEevdf() {
        return pickEevdf(true);
    }

    /** Linux: __pick_eevdf, with protect false when a short-slice waker may preempt. */
    private SchedEntity pickEevdf(boolean protect) {
        SchedEntity node = root;
        SchedEntity se = first();
        SchedEntity c = curr;
        SchedEntity best = null;

        /* with one entity there is no eligibility to check */
        if (nrQueued == 1) {
            return c != null && c.onRq ? c : se;
        }
        if (c != null && (!c.onRq || !entityEligible(c))) {
            c = null;
        }
        if (c != null && protect && protectSlice(c)) {
            return c;
        }
        if (se != null && entityEligible(se)) {
            best = se;
        } else {
            /* heap search: the leftmost subtree holding an eligible entity wins */
            while (node != null) {
                SchedEntity left = node.rbLeft;
                /* eligible entities on the left always have earlier deadlines */
                if (left != null && vruntimeEligible(left.minVruntime)) {
                    node = left;
                    continue;
                }
                /* the left has none, so this node is the earliest one that may be */
                if (entityEligible(node)) {
                    best = node;
                    break;
                }
                node = node.rbRight;
            }
        }
        if (best == null || (c != null && entityBefore(c, best))) {
            best = c;
        }
        return best;
    }

    /** Linux: entity_before, deadline order. */
    private static boolean entityBefore(SchedEntity a, SchedEntity b) {
        return a.deadline - b.deadline < 0;
    }

    /** Linux: __pick_first_entity, the earliest deadline in the tree (curr excluded). */
    SchedEntity first() {
        SchedEntity n = root;
        if (n == null) {
            return null;
        }
        while (n.rbLeft != null) {
            n = n.rbLeft;
        }
        return n;
    }

    /** The entities in the tree (curr excluded), earliest deadline first: what the load balancer may move. */
    List<SchedEntity> queued() {
        List<SchedEntity> all = new ArrayList<>(nrQueued);
        inOrder(root, all);
        return all;
    }

    /** Whether an entity in the tree (curr excluded) satisfies {@code test}; no allocation, for the tick's path. */
    boolean anyQueued(Predicate<SchedEntity> test) {
        return any(root, test);
    }

    private static boolean any(SchedEntity n, Predicate<SchedEntity> test) {
        for (; n != null; n = n.rbRight) {
            if (test.test(n) || any(n.rbLeft, test)) {
                return true;
            }
        }
        return false;
    }

    private static void inOrder(SchedEntity n, List<SchedEntity> out) {
        for (; n != null; n = n.rbRight) {
            inOrder(n.rbLeft, out);
            out.add(n);
        }
    }

    /** Linux: __pick_last_entity, the latest deadline in the tree (for sched_debug). */
    SchedEntity last() {
        SchedEntity n = root;
        if (n == null) {
            return null;
        }
        while (n.rbRight != null) {
            n = n.rbRight;
        }
        return n;
    }

    /* ------------------------------------------------------- the class operations */

    /**
     * Charges curr with the time since its execStart (Linux: update_curr and
     * update_se): sum_exec_runtime grows by the run time, vruntime by its virtual
     * length; a completed request gets a new deadline. Curr is marked for
     * rescheduling (resched_curr) when its request ended or its protected slice is
     * over, unless it is alone. This is also the whole of the fair class's tick
     * (Linux: entity_tick, without PELT).
     */
    public void updateCurr(long nowNs) {
        SchedEntity c = curr;
        if (c == null) {
            return;
        }
        long deltaExec = nowNs - c.execStart;
        if (deltaExec <= 0) {
            return;
        }
        c.execStart = nowNs;
        c.sumExecRuntime += deltaExec;

        c.vruntime += calcDeltaFair(deltaExec, c);
        boolean resched = updateDeadline(c);
        updateMinVruntime();

        if (nrQueued == 1) {
            return;
        }
        if (resched || !protectSlice(c)) {
            needResched = true;
        }
    }

    /**
     * Puts an entity on the queue (Linux: enqueue_entity). It is placed by
     * {@link #placeEntity} from its saved lag: a waking task (ENQUEUE_WAKEUP), a
     * migrated one (ENQUEUE_MIGRATED, which also forgets execStart: the task is no
     * longer cache hot), a new one (ENQUEUE_INITIAL, half a slice to its first
     * deadline), or one saved by {@link #dequeue} with DEQUEUE_SAVE (ENQUEUE_RESTORE).
     */
    public void enqueue(SchedEntity se, int flags, long nowNs) {
        if (se.onRq) {
            throw new IllegalStateException(se + " already queued");
        }
        boolean isCurr = curr == se;

        /* curr is placed before update_curr() charges it, as Linux renormalises it first */
        if (isCurr) {
            placeEntity(se, flags);
        }
        updateCurr(nowNs);
        if (!isCurr) {
            placeEntity(se, flags);
        }

        loadWeight += se.weight;
        nrQueued++;

        if ((flags & ENQUEUE_MIGRATED) != 0) {
            se.execStart = 0;
        }
        if (!isCurr) {
            enqueueTimeline(se);
        }
        se.onRq = true;
    }

    /**
     * Takes an entity off the queue (Linux: dequeue_entity, with NO_DELAY_DEQUEUE).
     * Its lag is saved, clamped, in vlag for the next {@link #enqueue}. Unless it goes
     * to sleep (DEQUEUE_SLEEP), its deadline is kept relative to its vruntime
     * (PLACE_REL_DEADLINE), so a migrated or saved entity keeps its place in its
     * request. Curr stays curr until {@link #putPrev}. With DEQUEUE_SAVE alone
     * min_vruntime does not move, so that putting the entity back costs it nothing.
     */
    public void dequeue(SchedEntity se, int flags, long nowNs) {
        if (!se.onRq) {
            throw new IllegalStateException(se + " not queued");
        }
        boolean sleep = (flags & DEQUEUE_SLEEP) != 0;

        updateCurr(nowNs);
        updateEntityLag(se);
        if (!sleep) {
            se.deadline -= se.vruntime;
            se.relDeadline = true;
        }
        if (se != curr) {
            dequeueTimeline(se);
        }
        se.onRq = false;
        loadWeight -= se.weight;
        nrQueued--;

        if ((flags & (DEQUEUE_SAVE | DEQUEUE_MOVE)) != DEQUEUE_SAVE) {
            updateMinVruntime();
        }
    }

    /**
     * Chooses the next entity to run and makes it curr (Linux: pick_next_task_fair:
     * pick_task_fair, then put_prev_entity and set_next_entity). Curr, if still
     * queued, is charged and takes part in the pick, so RUN_TO_PARITY applies to it.
     * If the pick is curr itself nothing changes, as Linux skips the switch when
     * prev == next. Otherwise the previous curr goes back into the tree and the new
     * one leaves it, starts its protected slice, and has execStart = now and
     * prevSumExecRuntime = sumExecRuntime. Clears need_resched, as __schedule does.
     *
     * @return the new curr, or null if nothing is queued (the CPU goes idle)
     */
    public SchedEntity pickNext(long nowNs) {
        SchedEntity prev = curr;
        SchedEntity next = null;
        if (nrQueued != 0) {
            if (prev != null && prev.onRq) {
                updateCurr(nowNs);
            }
            next = pickEevdf();
        }
        if (next != prev) {
            if (prev != null) {
                putPrevEntity(prev, nowNs);
            }
            if (next != null) {
                setNextEntity(next, nowNs);
            }
        }
        needResched = false;
        return next;
    }

    /**
     * Gives up curr (Linux: put_prev_entity): charged, and back into the tree if it
     * is still queued; a dequeued curr just stops being curr.
     */
    public void putPrev(SchedEntity se, long nowNs) {
        if (se != curr) {
            throw new IllegalStateException(se + " is not curr");
        }
        putPrevEntity(se, nowNs);
    }

    private void putPrevEntity(SchedEntity prev, long nowNs) {
        if (prev.onRq) {
            updateCurr(nowNs);
            enqueueTimeline(prev);
        }
        curr = null;
    }

    /** Linux: set_next_entity. Curr is not kept in the tree. */
    private void setNextEntity(SchedEntity se, long nowNs) {
        if (se.onRq) {
            dequeueTimeline(se);
            setProtectSlice(se);
        }
        se.execStart = nowNs;
        curr = se;
        se.prevSumExecRuntime = se.sumExecRuntime;
    }

    /**
     * Whether a just-woken entity, already enqueued, should preempt curr (Linux:
     * check_preempt_wakeup_fair): true, and need_resched set, if a pick now would
     * choose it. Curr is charged first, which may itself set need_resched (its
     * request ended) while the answer is false: {@link #reschedNeeded()} tells. A woken entity with a shorter slice than curr's (PREEMPT_SHORT)
     * ignores curr's protected slice, and if it does not preempt it at least shortens
     * that protection to its own slice. An idle CPU (no curr) is always preempted.
     * Returns false, as Linux returns early, when a resched is already pending.
     * BATCH and IDLE policies never preempt: the core does not call this for them.
     */
    public boolean wakeupPreempt(SchedEntity woken, long nowNs) {
        SchedEntity se = curr;
        if (se == null) {
            needResched = true;
            return true;
        }
        if (se == woken || needResched) {
            return false;
        }
        updateCurr(nowNs);
        boolean doPreemptShort = woken.slice < se.slice;
        if (pickEevdf(!doPreemptShort) == woken) {
            if (doPreemptShort) {
                cancelProtectSlice(se);
            }
            needResched = true;
            return true;
        }
        if (doPreemptShort) {
            updateProtectSlice(se);
        }
        return false;
    }

    /**
     * sched_yield for curr (Linux: yield_task_fair, 6.18): an eligible curr forfeits
     * the rest of its request, its vruntime jumping to its deadline and its deadline
     * one slice further. Alone on the queue it keeps running. The caller then
     * schedules, as do_sched_yield does.
     */
    public void yieldCurr(long nowNs) {
        SchedEntity se = curr;
        if (se == null || nrQueued == 1) {
            return;
        }
        updateCurr(nowNs);
        if (entityEligible(se)) {
            se.vruntime = se.deadline;
            se.deadline += calcDeltaFair(se.slice, se);
            updateMinVruntime();
        }
    }

    /**
     * Changes the nice level of an entity (Linux: set_user_nice for a fair task:
     * dequeue with DEQUEUE_SAVE, put_prev if running, reweight_entity off the queue,
     * enqueue with ENQUEUE_RESTORE, set_next if running, then prio_changed_fair).
     * The entity keeps its lag in the Linux sense, w_i * (V - v_i): vlag scales by
     * old/new weight and place_entity restores it; its relative deadline scales alike.
     * A running entity that lost weight is marked for rescheduling; a queued one that
     * gained weight may preempt curr. An entity on no queue is just reweighted.
     */
    public void reweightEntity(SchedEntity se, int nice, long nowNs) {
        boolean queued = se.onRq;
        boolean running = curr == se;
        long oldWeight = se.weight;

        if (queued) {
            dequeue(se, DEQUEUE_SAVE, nowNs);
        }
        if (running) {
            putPrevEntity(se, nowNs);
        }
        se.reweight(nice);
        if (queued) {
            enqueue(se, ENQUEUE_RESTORE, nowNs);
        }
        if (running) {
            setNextEntity(se, nowNs);
        }
        prioChangedFair(se, se.weight < oldWeight, nowNs);
    }

    /** Linux: prio_changed_fair; lowerPrio is p->prio > oldprio. */
    private void prioChangedFair(SchedEntity se, boolean lowerPrio, long nowNs) {
        if (!se.onRq || nrQueued == 1) {
            return;
        }
        if (se == curr) {
            if (lowerPrio) {
                needResched = true;
            }
        } else {
            wakeupPreempt(se, nowNs);
        }
    }

    /* ------------------------------------------------- the augmented red-black tree */

    /** Linux: __enqueue_entity: into the tree and into the average. */
    private void enqueueTimeline(SchedEntity se) {
        avgVruntimeAdd(se);
        se.minVruntime = se.vruntime;
        se.minSlice = se.slice;
        se.rbLeft = se.rbRight = null;
        se.rbRed = true;

        SchedEntity parent = null;
        SchedEntity n = root;
        boolean left = false;
        while (n != null) {
            parent = n;
            /* equal deadlines go right: first in, first out */
            left = entityBefore(se, n);
            n = left ? n.rbLeft : n.rbRight;
        }
        se.rbParent = parent;
        if (parent == null) {
            root = se;
        } else if (left) {
            parent.rbLeft = se;
        } else {
            parent.rbRight = se;
        }
        propagate(parent);
        insertFixup(se);
    }

    /** Linux: __dequeue_entity: out of the tree and out of the average. */
    private void dequeueTimeline(SchedEntity z) {
        SchedEntity x;
        SchedEntity xParent;
        boolean removedBlack;

        if (z.rbLeft == null || z.rbRight == null) {
            x = z.rbLeft != null ? z.rbLeft : z.rbRight;
            xParent = z.rbParent;
            removedBlack = !z.rbRed;
            transplant(z, x);
        } else {
            SchedEntity y = z.rbRight;
            while (y.rbLeft != null) {
                y = y.rbLeft;
            }
            removedBlack = !y.rbRed;
            x = y.rbRight;
            if (y.rbParent == z) {
                xParent = y;
            } else {
                xParent = y.rbParent;
                transplant(y, x);
                y.rbRight = z.rbRight;
                y.rbRight.rbParent = y;
            }
            transplant(z, y);
            y.rbLeft = z.rbLeft;
            y.rbLeft.rbParent = y;
            y.rbRed = z.rbRed;
        }
        z.rbLeft = z.rbRight = z.rbParent = null;
        propagate(xParent);
        if (removedBlack) {
            eraseFixup(x, xParent);
        }
        avgVruntimeSub(z);
    }

    private void transplant(SchedEntity u, SchedEntity v) {
        SchedEntity p = u.rbParent;
        if (p == null) {
            root = v;
        } else if (p.rbLeft == u) {
            p.rbLeft = v;
        } else {
            p.rbRight = v;
        }
        if (v != null) {
            v.rbParent = p;
        }
    }

    private void insertFixup(SchedEntity z) {
        while (z.rbParent != null && z.rbParent.rbRed) {
            SchedEntity p = z.rbParent;
            SchedEntity g = p.rbParent;
            if (p == g.rbLeft) {
                SchedEntity u = g.rbRight;
                if (u != null && u.rbRed) {
                    p.rbRed = false;
                    u.rbRed = false;
                    g.rbRed = true;
                    z = g;
                    continue;
                }
                if (z == p.rbRight) {
                    z = p;
                    rotateLeft(z);
                    p = z.rbParent;
                }
                p.rbRed = false;
                g.rbRed = true;
                rotateRight(g);
            } else {
                SchedEntity u = g.rbLeft;
                if (u != null && u.rbRed) {
                    p.rbRed = false;
                    u.rbRed = false;
                    g.rbRed = true;
                    z = g;
                    continue;
                }
                if (z == p.rbLeft) {
                    z = p;
                    rotateRight(z);
                    p = z.rbParent;
                }
                p.rbRed = false;
                g.rbRed = true;
                rotateLeft(g);
            }
        }
        root.rbRed = false;
    }

    private void eraseFixup(SchedEntity x, SchedEntity parent) {
        while (x != root && (x == null || !x.rbRed)) {
            if (x == parent.rbLeft) {
                SchedEntity w = parent.rbRight;
                if (w.rbRed) {
                    w.rbRed = false;
                    parent.rbRed = true;
                    rotateLeft(parent);
                    w = parent.rbRight;
                }
                if (isBlack(w.rbLeft) && isBlack(w.rbRight)) {
                    w.rbRed = true;
                    x = parent;
                    parent = x.rbParent;
                } else {
                    if (isBlack(w.rbRight)) {
                        w.rbLeft.rbRed = false;
                        w.rbRed = true;
                        rotateRight(w);
                        w = parent.rbRight;
                    }
                    w.rbRed = parent.rbRed;
                    parent.rbRed = false;
                    w.rbRight.rbRed = false;
                    rotateLeft(parent);
                    x = root;
                    parent = null;
                }
            } else {
                SchedEntity w = parent.rbLeft;
                if (w.rbRed) {
                    w.rbRed = false;
                    parent.rbRed = true;
                    rotateRight(parent);
                    w = parent.rbLeft;
                }
                if (isBlack(w.rbLeft) && isBlack(w.rbRight)) {
                    w.rbRed = true;
                    x = parent;
                    parent = x.rbParent;
                } else {
                    if (isBlack(w.rbLeft)) {
                        w.rbRight.rbRed = false;
                        w.rbRed = true;
                        rotateLeft(w);
                        w = parent.rbLeft;
                    }
                    w.rbRed = parent.rbRed;
                    parent.rbRed = false;
                    w.rbLeft.rbRed = false;
                    rotateRight(parent);
                    x = root;
                    parent = null;
                }
            }
        }
        if (x != null) {
            x.rbRed = false;
        }
    }

    private static boolean isBlack(SchedEntity n) {
        return n == null || !n.rbRed;
    }

    /* A rotation keeps the subtree's set of nodes, so only the two nodes it moves need
     * their augmented values recomputed, the lower one first (Linux: augment_rotate). */

    private void rotateLeft(SchedEntity x) {
        SchedEntity y = x.rbRight;
        x.rbRight = y.rbLeft;
        if (y.rbLeft != null) {
            y.rbLeft.rbParent = x;
        }
        transplant(x, y);
        y.rbLeft = x;
        x.rbParent = y;
        augment(x);
        augment(y);
    }

    private void rotateRight(SchedEntity x) {
        SchedEntity y = x.rbLeft;
        x.rbLeft = y.rbRight;
        if (y.rbRight != null) {
            y.rbRight.rbParent = x;
        }
        transplant(x, y);
        y.rbRight = x;
        x.rbParent = y;
        augment(x);
        augment(y);
    }

    /** Linux: min_vruntime_update: se->min_vruntime = min(se->vruntime, children's). */
    private static void augment(SchedEntity se) {
        long minV = se.vruntime;
        long minS = se.slice;
        SchedEntity r = se.rbRight;
        SchedEntity l = se.rbLeft;
        if (r != null) {
            minV = minOf(minV, r.minVruntime);
            minS = Math.min(minS, r.minSlice);
        }
        if (l != null) {
            minV = minOf(minV, l.minVruntime);
            minS = Math.min(minS, l.minSlice);
        }
        se.minVruntime = minV;
        se.minSlice = minS;
    }

    /** Linux: the augment propagate callback, from a changed node up to the root. */
    private static void propagate(SchedEntity n) {
        for (; n != null; n = n.rbParent) {
            augment(n);
        }
    }

    /** Linux: min_vruntime(), by wrapping difference. */
    private static long minOf(long a, long b) {
        return b - a < 0 ? b : a;
    }

    /* ----------------------------------------------------------------- debugging */

    /**
     * Checks every invariant of the queue and throws IllegalStateException naming the
     * first one broken: red-black shape, deadline order, augmented values, the
     * average sums against a recount, nr_queued and load. For tests and debugging;
     * O(n).
     */
    void verify() {
        long[] sums = new long[3];
        if (root != null) {
            if (root.rbRed || root.rbParent != null) {
                throw new IllegalStateException("bad root");
            }
            verify(root, sums);
        }
        if (sums[0] != avgVruntimeSum || sums[1] != avgLoad) {
            throw new IllegalStateException("avg_vruntime " + avgVruntimeSum + "/" + avgLoad
                    + " but recount " + sums[0] + "/" + sums[1]);
        }
        long n = sums[2];
        long load = avgLoad;
        if (curr != null && curr.onRq) {
            n++;
            load += curr.weight;
        }
        if (n != nrQueued || load != loadWeight) {
            throw new IllegalStateException("nr_queued " + nrQueued + " load " + loadWeight
                    + " but counted " + n + " " + load);
        }
    }

    /** Returns the black height; accumulates key*weight, weight and count in sums. */
    private int verify(SchedEntity n, long[] sums) {
        if (n == null) {
            return 1;
        }
        if (!n.onRq || n == curr) {
            throw new IllegalStateException(n + " in the tree but not queued, or curr");
        }
        for (SchedEntity c : new SchedEntity[] {n.rbLeft, n.rbRight}) {
            if (c != null && c.rbParent != n) {
                throw new IllegalStateException("parent link broken at " + c);
            }
            if (c != null && n.rbRed && c.rbRed) {
                throw new IllegalStateException("red child of red " + n);
            }
        }
        if (n.rbLeft != null && entityBefore(n, n.rbLeft) || n.rbRight != null && entityBefore(n.rbRight, n)) {
            throw new IllegalStateException("deadline order broken at " + n);
        }
        int lh = verify(n.rbLeft, sums);
        int rh = verify(n.rbRight, sums);
        if (lh != rh) {
            throw new IllegalStateException("black height differs at " + n);
        }
        long minV = n.minVruntime;
        long minS = n.minSlice;
        augment(n);
        if (minV != n.minVruntime || minS != n.minSlice) {
            throw new IllegalStateException("augmented values stale at " + n);
        }
        sums[0] += entityKey(n) * n.weight;
        sums[1] += n.weight;
        sums[2]++;
        return lh + (n.rbRed ? 0 : 1);
    }
}
