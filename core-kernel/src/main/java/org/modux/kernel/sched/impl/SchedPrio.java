package org.modux.kernel.sched.impl;

/**
 * Nice levels, priorities and load weights of the fair class (Linux:
 * include/linux/sched/prio.h, and kernel/sched/core.c {@code sched_prio_to_weight[]},
 * {@code sched_prio_to_wmult[]}). {@link SchedEntity} takes its weight from here and
 * {@link CfsRq} turns run time into virtual time with it.
 *
 * <p>Weights are kept in Linux's user-visible resolution, where nice 0 weighs
 * {@link #NICE_0_LOAD} = 1024. A 64-bit Linux stores {@code se->load.weight} shifted
 * left by {@code SCHED_FIXEDPOINT_SHIFT} (10), so nice 0 weighs 1048576 there
 * ({@code scale_load}), but every piece of EEVDF arithmetic first shifts it back
 * ({@code scale_load_down}: {@code __calc_delta}, {@code avg_vruntime_add},
 * {@code place_entity}); the only place the extra bits would count is the group
 * shares computation, which a flat run queue does not have. Keeping the small unit
 * gives the same numbers and keeps {@code key * weight} far from 64-bit overflow.
 * Whoever prints {@code se.load.weight} (/proc/PID/sched) applies {@link #scaleLoad}.
 *
 * <p>Pure functions and constant tables; no state, no locking.
 */
public final class SchedPrio {

    /** SCHED_FIXEDPOINT_SHIFT: the extra load resolution of 64-bit kernels. */
    public static final int SCHED_FIXEDPOINT_SHIFT = 10;
    /** NICE_0_LOAD, in the unscaled unit (1 &lt;&lt; SCHED_FIXEDPOINT_SHIFT). */
    public static final long NICE_0_LOAD = 1024;

    public static final int MAX_NICE = 19;
    public static final int MIN_NICE = -20;
    public static final int NICE_WIDTH = MAX_NICE - MIN_NICE + 1;
    /** Priorities 0..99 belong to the real-time classes. */
    public static final int MAX_RT_PRIO = 100;
    public static final int MAX_PRIO = MAX_RT_PRIO + NICE_WIDTH;
    public static final int DEFAULT_PRIO = MAX_RT_PRIO + NICE_WIDTH / 2;

    /** SCHED_IDLE tasks weigh less than nice 19 (WEIGHT_IDLEPRIO, WMULT_IDLEPRIO). */
    public static final int WEIGHT_IDLEPRIO = 3;
    public static final int WMULT_IDLEPRIO = 1431655765;

    /**
     * sched_prio_to_weight[]: nice -20 first. One nice step is a factor of about 1.25,
     * so a task that goes up one level gets about 10% less CPU against a nice 0 one.
     */
    static final int[] PRIO_TO_WEIGHT = {
        /* -20 */ 88761, 71755, 56483, 46273, 36291,
        /* -15 */ 29154, 23254, 18705, 14949, 11916,
        /* -10 */ 9548, 7620, 6100, 4904, 3906,
        /*  -5 */ 3121, 2501, 1991, 1586, 1277,
        /*   0 */ 1024, 820, 655, 526, 423,
        /*   5 */ 335, 272, 215, 172, 137,
        /*  10 */ 110, 87, 70, 56, 45,
        /*  15 */ 36, 29, 23, 18, 15,
    };

    /** sched_prio_to_wmult[]: 2^32 / weight, precomputed so that division becomes a multiply. */
    static final int[] PRIO_TO_WMULT = {
        /* -20 */ 48388, 59856, 76040, 92818, 118348,
        /* -15 */ 147320, 184698, 229616, 287308, 360437,
        /* -10 */ 449829, 563644, 704093, 875809, 1099582,
        /*  -5 */ 1376151, 1717300, 2157191, 2708050, 3363326,
        /*   0 */ 4194304, 5237765, 6557202, 8165337, 10153587,
        /*   5 */ 12820798, 15790321, 19976592, 24970740, 31350126,
        /*  10 */ 39045157, 49367440, 61356676, 76695844, 95443717,
        /*  15 */ 119304647, 148102320, 186737708, 238609294, 286331153,
    };

    private SchedPrio() {
    }

    /** The load weight of a nice level (Linux: set_load_weight). */
    public static int weightOf(int nice) {
        return PRIO_TO_WEIGHT[index(nice)];
    }

    /** The inverse weight, 2^32 / weightOf(nice), as Linux stores it in load.inv_weight. */
    public static int wmultOf(int nice) {
        return PRIO_TO_WMULT[index(nice)];
    }

    /** NICE_TO_PRIO: nice -20..19 to static priority 100..139. */
    public static int niceToPrio(int nice) {
        return nice + DEFAULT_PRIO;
    }

    /** PRIO_TO_NICE: static priority 100..139 to nice -20..19. */
    public static int prioToNice(int prio) {
        return prio - DEFAULT_PRIO;
    }

    /** scale_load: the weight as a 64-bit Linux stores and prints it (nice 0: 1048576). */
    public static long scaleLoad(long weight) {
        return weight << SCHED_FIXEDPOINT_SHIFT;
    }

    /** scale_load_down: back from the stored resolution, never below 2 for a non-zero weight. */
    public static long scaleLoadDown(long weight) {
        return weight == 0 ? 0 : Math.max(2, weight >> SCHED_FIXEDPOINT_SHIFT);
    }

    private static int index(int nice) {
        if (nice < MIN_NICE || nice > MAX_NICE) {
            throw new IllegalArgumentException("nice " + nice + " outside " + MIN_NICE + ".." + MAX_NICE);
        }
        return nice - MIN_NICE;
    }
}
