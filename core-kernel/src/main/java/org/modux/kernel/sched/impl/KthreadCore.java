package org.modux.kernel.sched.impl;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.function.IntSupplier;

import org.modux.kernel.sched.Completion;
import org.modux.kernel.sched.Kthread;
import org.modux.kernel.sched.Kthreads;
import org.modux.kernel.sched.TaskState;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Kernel threads (kernel/kthread.c): {@code kthreadd}, pid 2, makes every kernel
 * thread; {@code kthread_create} queues a request on {@code kthread_create_list},
 * wakes kthreadd and waits for it. A new kthread is asleep until woken, then runs
 * its function; {@link Kthread#stop} waits for it to return.
 */
@Component(service = KthreadCore.class, immediate = true)
public final class KthreadCore implements Kthreads {

    private record Create(IntSupplier fn, String name, int cpu, Completion done, KthreadImpl[] result) {
    }

    private final SchedCore core;
    private final Deque<Create> createList = new ArrayDeque<>();
    private final TaskStruct kthreadd;
    private volatile boolean stopping;

    @Activate
    public KthreadCore(@Reference SchedCore core) {
        this.core = core;
        this.kthreadd = core.createTask(2, "kthreadd", this::kthreadd);
        core.wakeUpNewTask(kthreadd);
    }

    @Deactivate
    void deactivate() {
        stopping = true;
        core.tryToWakeUp(kthreadd, false);
    }

    /** kthreadd's loop: sleeps until there are requests, then makes each thread. */
    private int kthreadd() {
        while (!stopping) {
            core.setCurrentState(TaskState.INTERRUPTIBLE);
            boolean empty;
            synchronized (createList) {
                empty = createList.isEmpty();
            }
            if (empty && !stopping) {
                core.schedule();
            }
            core.setCurrentState(TaskState.RUNNING);
            while (true) {
                Create c;
                synchronized (createList) {
                    c = createList.poll();
                }
                if (c == null) {
                    break;
                }
                c.result[0] = createKthread(c);
                c.done.complete();
            }
        }
        return 0;
    }

    private KthreadImpl createKthread(Create c) {
        BitSet cpus = null;
        if (c.cpu >= 0) {
            cpus = new BitSet();
            cpus.set(c.cpu);
        }
        KthreadImpl[] self = new KthreadImpl[1];
        TaskStruct p = core.createTask(c.name, kthreadd, true, () -> c.fn.getAsInt(), cpus);
        KthreadImpl k = new KthreadImpl(p, core);
        k.boundToCpu = c.cpu >= 0;
        p.kthreadControl = k;
        self[0] = k;
        return k;
    }

    @Override
    public Kthread create(IntSupplier fn, String name) {
        return request(fn, name, -1);
    }

    private Kthread request(IntSupplier fn, String name, int cpu) {
        Create c = new Create(fn, name, cpu, core.newCompletion(), new KthreadImpl[1]);
        synchronized (createList) {
            createList.add(c);
        }
        core.tryToWakeUp(kthreadd, false);
        c.done.waitForCompletion();
        return c.result[0];
    }

    @Override
    public Kthread run(IntSupplier fn, String name) {
        Kthread k = create(fn, name);
        k.wakeUp();
        return k;
    }

    @Override
    public Kthread createOnCpu(IntSupplier fn, int cpu, String name) {
        if (cpu < 0 || cpu >= core.nrCpus()) {
            throw new IllegalArgumentException("no CPU " + cpu);
        }
        return request(fn, name, cpu);
    }

    private KthreadImpl self() {
        TaskStruct p = core.currentTask();
        if (p == null || p.kthreadControl == null) {
            throw new IllegalStateException("not called from a kthread");
        }
        return p.kthreadControl;
    }

    @Override
    public boolean shouldStop() {
        return self().shouldStop;
    }

    @Override
    public boolean shouldPark() {
        return self().shouldPark;
    }

    @Override
    public void parkme() {
        KthreadImpl k = self();
        while (k.shouldPark && !k.shouldStop) {
            core.setCurrentState(TaskState.PARKED);
            k.parked.complete();
            if (k.shouldPark) {
                core.schedule();
            }
        }
        core.setCurrentState(TaskState.RUNNING);
    }
}
