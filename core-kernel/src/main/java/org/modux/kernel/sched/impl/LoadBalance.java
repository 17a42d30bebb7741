package org.modux.kernel.sched.impl;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * SMP load balancing (kernel/sched/fair.c and rt.c) over one scheduling domain that
 * spans every CPU, as a small machine whose cores share one cache has:
 * <ul>
 * <li>placement: a new task goes to the least loaded allowed CPU
 * ({@code sched_balance_find_dst_cpu}); a woken fair task to its previous CPU if it
 * is idle, else to an idle allowed CPU, else back to its previous CPU
 * ({@code select_idle_sibling}); a woken real-time task away from a CPU that runs a
 * more important one, to the CPU running the least important task
 * ({@code find_lowest_rq});</li>
 * <li>pulling: a CPU about to idle, a CPU at its periodic balance
 * ({@code sched_balance_rq} from SCHED_SOFTIRQ, every {@code balance_interval}:
 * the domain's weight in ms, times {@code busy_factor} 16 while busy), and an idle
 * CPU whose tick is stopped when a busy CPU's tick kicks it
 * ({@code nohz_balancer_kick}) take queued fair tasks from the busiest CPU: half the
 * difference in runnable tasks, or, between CPUs with as many tasks, a task of at
 * most half the difference in load weight when it exceeds {@code imbalance_pct}
 * (117%), never one its affinity keeps where it is. A running task cannot be
 * taken; when it is the only one that could move to an idle CPU, the busiest
 * CPU's stopper ({@code migration/N}) preempts it and pushes it there (active
 * balance, {@code active_load_balance_cpu_stop}).</li>
 * </ul>
 * Run-queue locks are taken in CPU order ({@code double_rq_lock}).
 */
final class LoadBalance {

    /** {@code sd->busy_factor}. */
    static final int BUSY_FACTOR = 16;
    /** {@code sd->imbalance_pct} of the MC domain. */
    static final int IMBALANCE_PCT = 117;

    private final SchedCore core;
    private final Rq[] rqs;
    private final BitSet online;
    private final SchedClass fair;
    /** {@code sd->balance_interval}: the domain's weight, in ns. */
    private final long balanceIntervalNs;

    LoadBalance(SchedCore core, Rq[] rqs, BitSet online, SchedClass fair) {
        this.core = core;
        this.rqs = rqs;
        this.online = online;
        this.fair = fair;
        this.balanceIntervalNs = rqs.length * 1_000_000L;
    }

    // ---- placement -------------------------------------------------------------------

    /** Whether {@code p} may run on {@code cpu} now: allowed and online. No allocation: this is every wake-up's path. */
    private boolean allowed(TaskStruct p, int cpu) {
        return p.cpusAllowed.get(cpu) && online.get(cpu);
    }

    /** The first CPU {@code p} may run on. */
    private int firstAllowed(TaskStruct p) {
        for (int cpu = 0; cpu < rqs.length; cpu++) {
            if (allowed(p, cpu)) {
                return cpu;
            }
        }
        return p.cpu;
    }

    /** {@code available_idle_cpu}: the CPU runs its idle task and has nothing queued. */
    boolean idle(Rq rq) {
        return rq.curr == rq.idle && rq.nrRunning == 0;
    }

    /** {@code select_task_rq} for a new task ({@code fork}) or a woken one. */
    int selectTaskRq(TaskStruct p, boolean fork) {
        if (p.cpusAllowed.cardinality() == 1) {
            return allowed(p, p.cpu) ? p.cpu : firstAllowed(p);
        }
        if (p.policy.isRealTime()) {
            return selectTaskRqRt(p);
        }
        return fork ? findIdlestCpu(p) : selectIdleSibling(p);
    }

    /** {@code sched_balance_find_dst_cpu}: fewest runnable tasks, then least load; the parent's CPU on a tie. */
    private int findIdlestCpu(TaskStruct p) {
        int best = allowed(p, p.cpu) ? p.cpu : firstAllowed(p);
        for (int cpu = 0; cpu < rqs.length; cpu++) {
            if (!allowed(p, cpu)) {
                continue;
            }
            Rq a = rqs[cpu];
            Rq b = rqs[best];
            if (a.nrRunning < b.nrRunning || (a.nrRunning == b.nrRunning && a.cfs.loadWeight() < b.cfs.loadWeight())) {
                best = cpu;
            }
        }
        return best;
    }

    /** {@code select_idle_sibling}: the previous CPU if idle, else the first idle one after it, else the previous. */
    private int selectIdleSibling(TaskStruct p) {
        int prev = allowed(p, p.cpu) ? p.cpu : firstAllowed(p);
        if (idle(rqs[prev])) {
            return prev;
        }
        for (int i = 1; i < rqs.length; i++) {
            int cpu = (prev + i) % rqs.length;
            if (allowed(p, cpu) && idle(rqs[cpu])) {
                return cpu;
            }
        }
        return prev;
    }

    /**
     * {@code select_task_rq_rt}: stays unless the previous CPU runs a real-time task
     * at least as important; then the CPU whose running task matters least, if that is
     * less than the woken one.
     */
    private int selectTaskRqRt(TaskStruct p) {
        int prev = allowed(p, p.cpu) ? p.cpu : firstAllowed(p);
        TaskStruct there = rqs[prev].curr;
        if (there == rqs[prev].idle || !there.policy.isRealTime() || there.prio() > p.prio()) {
            return prev;
        }
        int lowest = prev;
        for (int cpu = 0; cpu < rqs.length; cpu++) {
            if (allowed(p, cpu) && rqs[cpu].curr.prio() > rqs[lowest].curr.prio()) {
                lowest = cpu;
            }
        }
        return rqs[lowest].curr.prio() > p.prio() ? lowest : prev;
    }

    // ---- periodic balance and the NOHZ kick ---------------------------------------------

    /** {@code trigger_load_balance}'s test: whether {@code cpu}'s next balance is due. */
    boolean due(Rq rq, long now) {
        return now - rq.nextBalance >= 0;
    }

    /** {@code run_rebalance_domains} on {@code rq}'s CPU: balances and sets the next time. */
    void rebalance(Rq rq, long now) {
        boolean idle = idle(rq);
        rq.nextBalance = now + (idle ? balanceIntervalNs : balanceIntervalNs * BUSY_FACTOR);
        pull(rq);
    }

    /**
     * {@code nohz_balancer_kick}, from a CPU's tick with its run-queue lock held: with
     * a task waiting that an idle CPU may run, that CPU is kicked out of its halt to
     * pull it. The idle CPU to kick is the first such one.
     */
    Rq kickTarget(Rq rq) {
        if (rq.nrRunning < 2) {
            return null;
        }
        for (Rq other : rqs) {
            if (other != rq && !other.nohzBalanceKick && idle(other) && online.get(other.cpu)
                    && hasMovable(rq, other.cpu)) {
                return other;
            }
        }
        return null;
    }

    private boolean hasMovable(Rq src, int dst) {
        return runningMovable(src, dst) || src.cfs.anyQueued(se -> movable(src, (TaskStruct) se.owner, dst));
    }

    // ---- pulling -------------------------------------------------------------------------

    /** The running task of {@code src} could move to {@code dst} if it were not running. */
    private boolean runningMovable(Rq src, int dst) {
        TaskStruct curr = src.curr;
        return curr != src.idle && curr.schedClass == fair && curr.cpusAllowed.get(dst);
    }

    private boolean movable(Rq src, TaskStruct p, int dst) {
        return p != src.curr && p.onRq && !p.onCpu && p.schedClass == fair && p.cpusAllowed.get(dst);
    }

    /**
     * {@code sched_balance_rq} for {@code dstRq}'s CPU: finds the busiest other CPU and
     * moves queued fair tasks from it; whether any moved. Called with no run-queue lock held.
     */
    boolean pull(Rq dstRq) {
        Rq busiest = null;
        for (Rq rq : rqs) {
            if (rq != dstRq && online.get(rq.cpu) && (busiest == null || load(rq) > load(busiest))) {
                busiest = rq;
            }
        }
        if (busiest == null || !imbalanced(busiest, dstRq)) {
            return false;
        }
        List<TaskStruct> moved = new ArrayList<>(2);
        Rq first = busiest.cpu < dstRq.cpu ? busiest : dstRq;
        Rq second = first == busiest ? dstRq : busiest;
        first.lock.lock();
        second.lock.lock();
        try {
            if (!imbalanced(busiest, dstRq)) {
                return false;
            }
            core.updateRqClock(busiest);
            core.updateRqClock(dstRq);
            // migrate_task while the counts differ by two or more, else migrate_load: one light enough task.
            boolean byCount = busiest.nrRunning - dstRq.nrRunning >= 2;
            int tasks = byCount ? (busiest.nrRunning - dstRq.nrRunning) / 2 : 1;
            long weight = (busiest.cfs.loadWeight() - dstRq.cfs.loadWeight()) / 2;
            List<SchedEntity> queued = busiest.cfs.queued();
            for (int i = queued.size() - 1; i >= 0 && tasks > 0; i--) {
                TaskStruct p = (TaskStruct) queued.get(i).owner;
                if (!movable(busiest, p, dstRq.cpu) || (!byCount && p.se.weight > weight)) {
                    continue;
                }
                core.deactivateTask(busiest, p, 0);
                p.cpu = dstRq.cpu;
                p.se.nrMigrations++;
                core.activateTask(dstRq, p, SchedClass.ENQUEUE_MIGRATED);
                moved.add(p);
                tasks--;
            }
            for (TaskStruct p : moved) {
                core.wakeupPreempt(dstRq, p, SchedClass.ENQUEUE_MIGRATED);
            }
        } finally {
            second.lock.unlock();
            first.lock.unlock();
        }
        if (moved.isEmpty() && idle(dstRq) && runningMovable(busiest, dstRq.cpu)) {
            activeBalance(busiest, dstRq);
        }
        return !moved.isEmpty();
    }

    /**
     * Asks {@code busiest}'s stopper to push one task to {@code dst}
     * ({@code stop_one_cpu_nowait(active_load_balance_cpu_stop)}); one request per
     * run queue at a time.
     */
    private void activeBalance(Rq busiest, Rq dst) {
        SchedCore.Stopper stopper = core.stopper();
        if (stopper == null || busiest.stop == null || busiest.activeBalance) {
            return;
        }
        busiest.activeBalance = true;
        stopper.stopOneCpuNowait(busiest.cpu, () -> activeLoadBalanceCpuStop(busiest, dst));
    }

    /**
     * {@code active_load_balance_cpu_stop}, on the busiest CPU's stopper: the task
     * that was running is now queued; one movable task goes to {@code dst}, if it
     * still has room.
     */
    private void activeLoadBalanceCpuStop(Rq busiest, Rq dst) {
        Rq first = busiest.cpu < dst.cpu ? busiest : dst;
        Rq second = first == busiest ? dst : busiest;
        first.lock.lock();
        second.lock.lock();
        try {
            busiest.activeBalance = false;
            if (busiest.nrRunning <= 1 || dst.nrRunning > 0) {
                return;
            }
            core.updateRqClock(busiest);
            core.updateRqClock(dst);
            for (SchedEntity se : busiest.cfs.queued()) {
                TaskStruct p = (TaskStruct) se.owner;
                if (movable(busiest, p, dst.cpu)) {
                    core.deactivateTask(busiest, p, 0);
                    p.cpu = dst.cpu;
                    p.se.nrMigrations++;
                    core.activateTask(dst, p, SchedClass.ENQUEUE_MIGRATED);
                    core.wakeupPreempt(dst, p, SchedClass.ENQUEUE_MIGRATED);
                    return;
                }
            }
        } finally {
            second.lock.unlock();
            first.lock.unlock();
        }
    }

    private static long load(Rq rq) {
        return ((long) rq.nrRunning << 32) + rq.cfs.loadWeight();
    }

    /**
     * Worth a pull: at least two runnable tasks more on the busiest, or as many tasks
     * (two or more) but a load above {@code imbalance_pct} of ours.
     */
    private static boolean imbalanced(Rq busiest, Rq dst) {
        if (busiest.nrRunning - dst.nrRunning >= 2) {
            return true;
        }
        return busiest.nrRunning >= 2 && busiest.nrRunning == dst.nrRunning
                && busiest.cfs.loadWeight() * 100 > dst.cfs.loadWeight() * IMBALANCE_PCT;
    }
}
