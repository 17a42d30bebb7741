package org.modux.kernel.sched.impl;

/**
 * A schedulable entity of the fair class (Linux: include/linux/sched.h,
 * {@code struct sched_entity}): the part of a task that EEVDF accounts and orders.
 * {@link CfsRq} owns all the arithmetic; this class is the record, with fields named
 * as Linux names them so that /proc/PID/sched ({@code se.exec_start},
 * {@code se.vruntime}, {@code se.sum_exec_runtime}, {@code se.nr_migrations},
 * {@code se.load.weight}, {@code se.slice}) and the books read straight off it.
 *
 * <p>Times are nanoseconds; virtual times ({@code vruntime}, {@code deadline},
 * {@code minVruntime}, {@code vprot}) are u64 values kept in a {@code long} and
 * compared only through wrapping differences, as Linux compares them.
 *
 * <p>Guarded by the lock of the run queue the entity is on (Linux: {@code rq->lock});
 * an entity on no run queue belongs to whoever holds its task.
 */
public final class SchedEntity {

    /** The task this entity schedules (Linux reaches it with container_of). */
    final Object owner;

    /** load.weight, in the unit where nice 0 is {@link SchedPrio#NICE_0_LOAD} (see SchedPrio). */
    long weight;
    /** load.inv_weight: 2^32 / weight, from sched_prio_to_wmult[]. */
    long invWeight;

    /** Virtual run time: run time scaled by NICE_0_LOAD / weight. */
    long vruntime;
    /** Virtual deadline: vruntime at which the current request of {@link #slice} ends. */
    long deadline;
    /** Augmented rbtree value: the smallest vruntime in this entity's subtree. */
    long minVruntime;
    /** Augmented rbtree value: the smallest slice in this entity's subtree. */
    long minSlice;
    /**
     * Virtual lag V - vruntime, saved when the entity leaves the run queue and used to
     * place it when it comes back. Linux 6.18 shares this word with {@link #vprot}.
     */
    long vlag;
    /**
     * While the entity is curr: the vruntime up to which it runs without being
     * preempted by a pick (RUN_TO_PARITY). In Linux a union with {@link #vlag}; the two
     * are never live at once, so keeping them apart changes nothing but readability.
     */
    long vprot;
    /** The request size r_i in nanoseconds: sysctl_sched_base_slice or a custom one. */
    long slice;
    /** {@link #slice} was set by sched_setattr(sched_runtime) and is kept as is. */
    boolean customSlice;
    /** {@link #deadline} holds deadline - vruntime while off the queue (PLACE_REL_DEADLINE). */
    boolean relDeadline;

    long sumExecRuntime;
    long prevSumExecRuntime;
    /** Clock at which the entity last started to run or was last charged; 0 after migration. */
    long execStart;
    boolean onRq;
    /** Counted by the scheduler core when it moves the task to another CPU (set_task_cpu). */
    long nrMigrations;

    /* run_node: this entity's node in its CfsRq's timeline. */
    SchedEntity rbLeft;
    SchedEntity rbRight;
    SchedEntity rbParent;
    boolean rbRed;

    /**
     * A new entity at the given nice level (Linux: __sched_fork and set_load_weight):
     * zero lag, base slice, not queued.
     */
    public SchedEntity(Object owner, int nice) {
        this.owner = owner;
        this.weight = SchedPrio.weightOf(nice);
        this.invWeight = SchedPrio.wmultOf(nice);
        this.slice = CfsRq.NORMALIZED_SYSCTL_SCHED_BASE_SLICE;
    }

    /**
     * Changes the weight of an entity that is on no run queue (Linux: reweight_entity
     * when !se->on_rq, reached from set_user_nice and set_load_weight). The saved lag
     * is kept in the Linux sense: the real lag is w_i * vlag, so vlag scales by
     * old/new weight; a relative deadline (an entity migrated or saved, not slept)
     * scales likewise. For a queued entity use {@link CfsRq#reweightEntity}.
     *
     * @throws IllegalStateException if the entity is on a run queue
     */
    public void reweight(int nice) {
        if (onRq) {
            throw new IllegalStateException("reweight of a queued entity: use CfsRq.reweightEntity");
        }
        long newWeight = SchedPrio.weightOf(nice);
        vlag = vlag * weight / newWeight;
        if (relDeadline) {
            deadline = deadline * weight / newWeight;
        }
        weight = newWeight;
        invWeight = SchedPrio.wmultOf(nice);
    }

    public Object owner() {
        return owner;
    }

    @Override
    public String toString() {
        return "se(" + owner + " w=" + weight + " v=" + vruntime + " d=" + deadline
                + " lag=" + vlag + (onRq ? " on_rq" : "") + ")";
    }
}
