package org.modux.kernel.workqueue.impl;

import java.util.function.Consumer;

import org.modux.kernel.sched.TaskState;
import org.modux.kernel.sched.impl.KthreadCore;
import org.modux.kernel.sched.impl.SchedCore;
import org.modux.kernel.workqueue.WorkStruct;
import org.modux.kernel.workqueue.WorkqueueStruct;
import org.modux.kernel.workqueue.Workqueues;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Workqueues (Linux: kernel/workqueue.c): system_wq ("events") over one worker pool
 * per CPU, each with one bound worker {@code kworker/N:0} that sleeps in TASK_IDLE
 * ('I' in ps) while the list is empty. Linux's pools keep a spare idle worker and
 * start another when the running one sleeps (concurrency management); here a CPU's
 * items wait for one another, so a work function that sleeps long delays the items
 * queued behind it on that CPU.
 */
@Component(service = WorkqueueCore.class, immediate = true)
public final class WorkqueueCore implements Workqueues {

    private static final WorkqueueStruct SYSTEM_WQ = () -> "events";

    private final SchedCore core;
    private final KthreadCore kthreads;
    private final WorkerPool[] pools;

    @Activate
    public WorkqueueCore(@Reference SchedCore core, @Reference KthreadCore kthreads) {
        this.core = core;
        this.kthreads = kthreads;
        int n = core.onlineCpus();
        pools = new WorkerPool[n];
        for (int cpu = 0; cpu < n; cpu++) {
            WorkerPool pool = new WorkerPool(cpu, core.newWaitQueue());
            pools[cpu] = pool;
            pool.worker = kthreads.createOnCpu(() -> workerThread(pool), cpu, "kworker/" + cpu + ":0");
        }
        for (WorkerPool pool : pools) {
            pool.worker.wakeUp();
        }
    }

    @Deactivate
    public void deactivate() {
        for (WorkerPool pool : pools) {
            pool.worker.stop();
        }
    }

    @Override
    public WorkqueueStruct systemWq() {
        return SYSTEM_WQ;
    }

    @Override
    public WorkStruct initWork(Consumer<WorkStruct> fn) {
        return new WorkStructImpl(fn);
    }

    @Override
    public boolean queueWork(WorkqueueStruct wq, WorkStruct work) {
        int cpu = core.smpProcessorId();
        return queueWorkOn(cpu < 0 ? 0 : cpu, wq, work);
    }

    @Override
    public boolean scheduleWork(WorkStruct work) {
        return queueWork(SYSTEM_WQ, work);
    }

    /** {@code queue_work_on}: whoever sets PENDING queues the item ({@code __queue_work}). */
    @Override
    public boolean queueWorkOn(int cpu, WorkqueueStruct wq, WorkStruct work) {
        WorkStructImpl w = (WorkStructImpl) work;
        if (!w.pending.compareAndSet(false, true)) {
            return false;
        }
        WorkerPool pool = pools[cpu];
        pool.lock.lock();
        w.queuedSeq++;
        pool.insertWorkLocked(w);
        pool.lock.unlock();
        core.wakeUpProcess(pool.worker.task());
        return true;
    }

    /**
     * {@code worker_thread}: runs the pool's items one by one, each with PENDING
     * cleared just before it starts (so it can be queued again while it runs), and
     * sleeps when the list is empty.
     */
    private int workerThread(WorkerPool pool) {
        while (!kthreads.shouldStop()) {
            core.setCurrentState(TaskState.IDLE);
            pool.lock.lock();
            boolean empty = pool.emptyLocked();
            pool.lock.unlock();
            if (empty && !kthreads.shouldStop()) {
                core.schedule();
            }
            core.setCurrentState(TaskState.RUNNING);
            while (processOneWork(pool)) {
                core.condResched();
            }
        }
        return 0;
    }

    /** {@code process_one_work}: false if the list was empty. */
    private boolean processOneWork(WorkerPool pool) {
        pool.lock.lock();
        WorkStructImpl w = pool.pollLocked();
        if (w == null) {
            pool.lock.unlock();
            return false;
        }
        w.startedSeq = w.queuedSeq;
        pool.currentWork = w;
        w.pending.set(false);
        pool.lock.unlock();
        try {
            w.fn.accept(w);
        } catch (Throwable t) {
            core.oops(t);
        }
        pool.lock.lock();
        pool.currentWork = null;
        w.doneSeq = w.startedSeq;
        pool.lock.unlock();
        pool.done.wakeUpAll();
        return true;
    }

    @Override
    public boolean flushWork(WorkStruct work) {
        WorkStructImpl w = (WorkStructImpl) work;
        WorkerPool pool = w.pool;
        if (pool == null) {
            return false;
        }
        pool.lock.lock();
        boolean busy = w.pending.get() || pool.currentWork == w;
        long target = w.queuedSeq;
        pool.lock.unlock();
        if (!busy) {
            return false;
        }
        pool.done.waitEvent(() -> w.doneSeq - target >= 0);
        return true;
    }

    /**
     * {@code cancel_work_sync}: grabs PENDING ({@code try_to_grab_pending}: set it,
     * or steal the item off its list), waits for a running instance, and lets PENDING
     * go again; no one can queue the item meanwhile.
     */
    @Override
    public boolean cancelWorkSync(WorkStruct work) {
        WorkStructImpl w = (WorkStructImpl) work;
        boolean wasPending = false;
        while (!w.pending.compareAndSet(false, true)) {
            WorkerPool pool = w.pool;
            boolean stolen = false;
            if (pool != null) {
                pool.lock.lock();
                stolen = pool.removeLocked(w);
                pool.lock.unlock();
            }
            if (stolen) {
                wasPending = true;
                break;
            }
            Thread.onSpinWait();
        }
        WorkerPool pool = w.pool;
        if (pool != null) {
            pool.done.waitEvent(() -> pool.currentWork != w);
        }
        w.pending.set(false);
        return wasPending;
    }
}
