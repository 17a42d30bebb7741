package org.modux.kernel.sched.impl;

import java.util.concurrent.ConcurrentLinkedQueue;

import org.modux.kernel.sched.Kthread;
import org.modux.kernel.sched.TaskState;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * CPU stoppers (kernel/stop_machine.c): one kthread per CPU, {@code migration/N},
 * in the stop class, so work queued for it runs on that CPU ahead of every other
 * task, at the running task's next preemption point. The load balancer's active
 * balance uses it to move a task that was running.
 */
@Component(service = CpuStop.class, immediate = true)
public final class CpuStop implements SchedCore.Stopper {

    private final SchedCore core;
    private final KthreadCore kthreads;
    private final Kthread[] stoppers;
    @SuppressWarnings("unchecked")
    private final ConcurrentLinkedQueue<Runnable>[] works;

    @Activate
    @SuppressWarnings("unchecked")
    public CpuStop(@Reference SchedCore core, @Reference KthreadCore kthreads) {
        this.core = core;
        this.kthreads = kthreads;
        int n = core.nrCpus();
        this.stoppers = new Kthread[n];
        this.works = new ConcurrentLinkedQueue[n];
        for (int cpu = 0; cpu < n; cpu++) {
            int c = cpu;
            works[cpu] = new ConcurrentLinkedQueue<>();
            stoppers[cpu] = kthreads.createOnCpu(() -> cpuStopperThread(c), cpu, "migration/" + cpu);
            core.setStopTask(cpu, (TaskStruct) stoppers[cpu].task(), this);
        }
        for (Kthread k : stoppers) {
            k.wakeUp();
        }
    }

    @Deactivate
    void deactivate() {
        core.clearStopper();
        for (Kthread k : stoppers) {
            k.stop();
        }
    }

    /** {@code stop_one_cpu_nowait}: {@code fn} runs on {@code cpu}'s stopper; the caller does not wait. */
    @Override
    public void stopOneCpuNowait(int cpu, Runnable fn) {
        works[cpu].add(fn);
        core.wakeUpProcess(stoppers[cpu].task());
    }

    /** {@code cpu_stopper_thread}: runs the queued work, sleeps when there is none. */
    private int cpuStopperThread(int cpu) {
        ConcurrentLinkedQueue<Runnable> queue = works[cpu];
        while (!kthreads.shouldStop()) {
            core.setCurrentState(TaskState.INTERRUPTIBLE);
            if (queue.isEmpty() && !kthreads.shouldStop()) {
                core.schedule();
            }
            core.setCurrentState(TaskState.RUNNING);
            for (Runnable fn = queue.poll(); fn != null; fn = queue.poll()) {
                try {
                    fn.run();
                } catch (Throwable t) {
                    core.oops(t);
                }
            }
        }
        return 0;
    }
}
