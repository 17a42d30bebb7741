package org.modux.kernel.sched.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.modux.kernel.sched.Completion;
import org.modux.kernel.sched.Kthread;
import org.modux.kernel.sched.TaskState;
import org.modux.kernel.softirq.SoftirqVector;
import org.modux.kernel.softirq.impl.SoftirqCore;
import org.modux.uapi.ErrnoException;

/**
 * Load balancing on a two-CPU kernel with its softirqs: placement of new and woken
 * tasks, the idle CPU that a busy one kicks to pull, the periodic balance between
 * busy CPUs, and affinity that keeps a task where it may run.
 */
@Timeout(60)
class LoadBalanceTest {

    private final SmpKernel k = new SmpKernel(2);
    private final SoftirqCore softirqs = new SoftirqCore(k.core, k.kthreads, k.log);
    private final CpuStop stoppers = new CpuStop(k.core, k.kthreads);
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Kthread> started = new ArrayList<>();

    @AfterEach
    void powerDown() {
        stop.set(true);
        started.forEach(Kthread::stop);
        stoppers.deactivate();
        softirqs.deactivate();
        k.close();
    }

    private static BitSet cpus(int... ids) {
        BitSet s = new BitSet();
        for (int id : ids) {
            s.set(id);
        }
        return s;
    }

    /** A CPU hog, created asleep and allowed on {@code allowed}; it runs once woken. */
    private Kthread hog(String name, BitSet allowed) throws ErrnoException {
        Kthread t = k.kthreads.create(() -> {
            while (!stop.get()) {
                k.core.condResched();
            }
            return 0;
        }, name);
        k.core.setCpusAllowed(t.task(), allowed);
        started.add(t);
        return t;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out waiting: " + what);
            Thread.sleep(5);
        }
    }

    private static long migrations(Kthread t) {
        return ((TaskStruct) t.task()).se.nrMigrations;
    }

    private static int onCpu(List<Kthread> ts, int cpu) {
        return (int) ts.stream().filter(t -> t.task().cpu() == cpu).count();
    }

    @Test
    void newTasksSpreadOverTheIdleCpus() throws Exception {
        Kthread a = hog("a", cpus(0, 1));
        Kthread b = hog("b", cpus(0, 1));
        a.wakeUp();
        b.wakeUp();
        await("both running", () -> a.task().sumExecRuntime() > 0 && b.task().sumExecRuntime() > 0);
        assertNotEquals(a.task().cpu(), b.task().cpu());
    }

    @Test
    void anIdleCpuIsKickedAndPullsAWaitingTask() throws Exception {
        Kthread a = hog("a", cpus(0));
        Kthread b = hog("b", cpus(0));
        a.wakeUp();
        b.wakeUp();
        await("both running on CPU 0", () -> a.task().nivcsw() > 0 && b.task().nivcsw() > 0);
        long before = migrations(a) + migrations(b);
        k.core.setCpusAllowed(a.task(), cpus(0, 1));
        k.core.setCpusAllowed(b.task(), cpus(0, 1));
        await("one moved to CPU 1", () -> onCpu(List.of(a, b), 1) == 1);
        assertEquals(before + 1, migrations(a) + migrations(b));
        Thread.sleep(200);
        assertEquals(1, onCpu(List.of(a, b), 0), "and they stay apart");
    }

    @Test
    void thePeriodicBalanceEvensOutBusyCpus() throws Exception {
        List<Kthread> free = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            free.add(hog("free" + i, cpus(0)));
        }
        Kthread pinned = hog("pinned", cpus(1));
        free.forEach(Kthread::wakeUp);
        pinned.wakeUp();
        await("three on CPU 0", () -> free.stream().allMatch(t -> t.task().nivcsw() > 0));
        for (Kthread t : free) {
            k.core.setCpusAllowed(t.task(), cpus(0, 1));
        }
        await("two and two", () -> onCpu(free, 0) == 2 && onCpu(free, 1) == 1);
        assertEquals(1, pinned.task().cpu());
        assertTrue(softirqs.softirqCount(SoftirqVector.SCHED, 1) > 0, "balanced from SCHED_SOFTIRQ");
    }

    @Test
    void affinityKeepsTasksWhereTheyMayRun() throws Exception {
        Kthread a = hog("a", cpus(0));
        Kthread b = hog("b", cpus(0));
        a.wakeUp();
        b.wakeUp();
        await("both running", () -> a.task().nivcsw() > 0 && b.task().nivcsw() > 0);
        long before = migrations(a) + migrations(b);
        Thread.sleep(300);
        assertEquals(2, onCpu(List.of(a, b), 0));
        assertEquals(before, migrations(a) + migrations(b));
    }

    @Test
    void aWokenTaskGoesToAnIdleCpuWhenItsOwnIsBusy() throws Exception {
        Kthread busy = hog("busy", cpus(0));
        busy.wakeUp();
        Completion go = k.core.newCompletion();
        AtomicInteger ranOn = new AtomicInteger(-1);
        Kthread sleeper = k.kthreads.create(() -> {
            go.waitForCompletion();
            ranOn.set(k.core.smpProcessorId());
            return 0;
        }, "sleeper");
        k.core.setCpusAllowed(sleeper.task(), cpus(0));
        sleeper.wakeUp();
        await("asleep on CPU 0", () -> sleeper.task().state() == TaskState.UNINTERRUPTIBLE);
        k.core.setCpusAllowed(sleeper.task(), cpus(0, 1));
        go.complete();
        sleeper.stop();
        assertEquals(1, ranOn.get());
    }

    @Test
    void eachCpuHasAStopperInTheStopClass() {
        for (int cpu = 0; cpu < 2; cpu++) {
            String name = "migration/" + cpu;
            TaskStruct t = (TaskStruct) k.core.tasks().stream().filter(x -> x.comm().equals(name)).findFirst()
                    .orElseThrow();
            assertEquals("stop", t.schedClass.name());
            assertEquals(org.modux.kernel.sched.SchedPolicy.FIFO, t.policy());
            assertEquals(99, t.rtPriority());
            assertEquals(cpus(cpu), t.cpusAllowed());
        }
    }

    @Test
    void aRunningTaskIsPushedToAnIdleCpu() throws Exception {
        Kthread pinned = hog("pinned", cpus(0));
        k.core.setUserNice(pinned.task(), 19);
        Kthread mover = k.kthreads.create(() -> {
            try {
                k.core.setCpusAllowed(k.core.currentOrNull(), cpus(0, 1));
            } catch (ErrnoException e) {
                return 1;
            }
            while (!stop.get()) {
                k.core.condResched();
            }
            return 0;
        }, "mover");
        k.core.setCpusAllowed(mover.task(), cpus(0));
        started.add(mover);
        pinned.wakeUp();
        mover.wakeUp();
        await("the running task moved to the idle CPU", () -> mover.task().cpu() == 1);
        assertEquals(0, pinned.task().cpu());
    }

    @Test
    void aRunningTaskAloneOnItsCpuLeavesItWhenItsAffinityDoes() throws Exception {
        Kthread t = hog("alone", cpus(0, 1));
        t.wakeUp();
        await("running", () -> t.task().sumExecRuntime() > 0);
        int from = t.task().cpu();
        int to = 1 - from;
        k.core.setCpusAllowed(t.task(), cpus(to));
        await("it left its CPU", () -> t.task().cpu() == to);
    }
}
