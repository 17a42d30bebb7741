package org.modux.kernel.sched.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.modux.hw.impl.LapicTimers;
import org.modux.kernel.Taint;
import org.modux.kernel.impl.Taints;
import org.modux.kernel.printk.RecordingPrintk;
import org.modux.kernel.sched.Completion;
import org.modux.kernel.sched.Kthread;
import org.modux.kernel.sched.SchedPolicy;
import org.modux.kernel.sched.Task;
import org.modux.kernel.sched.TaskState;
import org.modux.kernel.sched.WaitQueueHead;

/**
 * The scheduler core on a two-CPU machine: tasks run only on the CPUs' carriers,
 * hand the CPU over through schedule(), sleep and wake, and kthreads live and die as
 * Linux's do.
 */
@Timeout(60)
class SchedCoreTest {

    private final RecordingPrintk log = new RecordingPrintk();
    private final Taints taints = new Taints();
    private final SmpMachine machine = new SmpMachine(2);
    private final LapicTimers timers = new LapicTimers(machine);
    private final SchedCore core = new SchedCore(machine, timers, log, taints);
    private final KthreadCore kthreads = new KthreadCore(core);

    @AfterEach
    void powerDown() {
        kthreads.deactivate();
        core.deactivate();
        timers.shutdown();
    }

    @Test
    void bootHasAnIdleTaskPerCpuAndKthreadd() {
        List<String> names = core.tasks().stream().map(t -> t.pid() + " " + t.comm()).toList();
        assertEquals(List.of("0 swapper/0", "0 swapper/1", "2 kthreadd"), names);
        assertTrue(core.findTask(2).orElseThrow().isKthread());
    }

    @Test
    void aKthreadRunsOnACpuCarrierUntilStopped() {
        AtomicInteger loops = new AtomicInteger();
        AtomicBoolean onCarrier = new AtomicBoolean(true);
        Kthread k = kthreads.run(() -> {
            while (!kthreads.shouldStop()) {
                Task me = core.current().orElseThrow();
                onCarrier.compareAndSet(true, core.isOnItsCarrier((TaskStruct) me));
                loops.incrementAndGet();
                core.msleep(1);
            }
            return 7;
        }, "worker");
        Task t = k.task();
        assertTrue(t.pid() > 2);
        assertEquals(2, t.parent().orElseThrow().pid());
        while (loops.get() < 5) {
            Thread.onSpinWait();
        }
        assertEquals(7, k.stop());
        assertTrue(onCarrier.get());
        assertTrue(core.findTask(t.pid()).isEmpty(), "a stopped kthread is reaped");
    }

    @Test
    void twoKthreadsOnOneCpuPingPongThroughCompletions() {
        int rounds = 20_000;
        Completion ping = core.newCompletion();
        Completion pong = core.newCompletion();
        long before = core.nrSwitches(0);
        Kthread a = kthreads.createOnCpu(() -> {
            for (int i = 0; i < rounds; i++) {
                ping.complete();
                pong.waitForCompletion();
            }
            return 0;
        }, 0, "ping");
        Kthread b = kthreads.createOnCpu(() -> {
            for (int i = 0; i < rounds; i++) {
                ping.waitForCompletion();
                pong.complete();
            }
            return 0;
        }, 0, "pong");
        a.wakeUp();
        b.wakeUp();
        assertEquals(0, a.stop());
        assertEquals(0, b.stop());
        assertTrue(core.nrSwitches(0) - before >= 2L * rounds, "each round trip is two context switches");
        assertTrue(a.task().cpu() == 0 && b.task().cpu() == 0);
    }

    @Test
    void aHostThreadWaitsOnAWaitQueueForAKthread() {
        WaitQueueHead wq = core.newWaitQueue();
        AtomicBoolean ready = new AtomicBoolean();
        Kthread k = kthreads.run(() -> {
            core.msleep(20);
            ready.set(true);
            wq.wakeUp();
            return 0;
        }, "waker");
        wq.waitEvent(ready::get);
        assertTrue(ready.get());
        k.stop();
    }

    @Test
    void anExceptionInAKthreadIsAnOopsAndTheKernelGoesOn() {
        Kthread bad = kthreads.run(() -> {
            throw new IllegalStateException("boom");
        }, "bad");
        bad.stop();
        assertTrue((taints.mask() & Taint.DIE.bit()) != 0);
        assertTrue(log.lines().stream().anyMatch(l -> l.contains("Oops: java.lang.IllegalStateException: boom")),
                log.lines().toString());
        AtomicBoolean ran = new AtomicBoolean();
        kthreads.run(() -> {
            ran.set(true);
            return 0;
        }, "after").stop();
        assertTrue(ran.get());
    }

    @Test
    void aFifoTaskStarvesFairTasksOnItsCpu() throws Exception {
        AtomicBoolean fifoRunning = new AtomicBoolean();
        AtomicBoolean fifoDone = new AtomicBoolean();
        ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
        Kthread fifo = kthreads.createOnCpu(() -> {
            fifoRunning.set(true);
            long end = System.nanoTime() + 200_000_000L;
            while (System.nanoTime() < end) {
                core.condResched();
            }
            order.add("fifo");
            fifoDone.set(true);
            return 0;
        }, 1, "hog");
        core.setScheduler(fifo.task(), SchedPolicy.FIFO, 50);
        Kthread fair = kthreads.createOnCpu(() -> {
            order.add(fifoDone.get() ? "fair after fifo" : "fair during fifo");
            return 0;
        }, 1, "starved");
        fifo.wakeUp();
        while (!fifoRunning.get()) {
            Thread.onSpinWait();
        }
        fair.wakeUp();
        fair.stop();
        fifo.stop();
        assertEquals(List.of("fifo", "fair after fifo"), List.copyOf(order));
    }

    @Test
    void niceZeroAndNiceFiveShareACpuInTheirWeightRatio() throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        Kthread[] hogs = new Kthread[2];
        for (int i = 0; i < 2; i++) {
            hogs[i] = kthreads.createOnCpu(() -> {
                while (!stop.get()) {
                    core.condResched();
                }
                return 0;
            }, 1, "hog" + i);
        }
        core.setUserNice(hogs[1].task(), 5);
        hogs[0].wakeUp();
        hogs[1].wakeUp();
        Thread.sleep(3000);
        stop.set(true);
        hogs[0].stop();
        hogs[1].stop();
        double ratio = (double) hogs[0].task().sumExecRuntime() / hogs[1].task().sumExecRuntime();
        System.out.printf("nice 0 : nice 5 = %.3f (1024:335 = %.3f)%n", ratio, 1024.0 / 335);
        assertEquals(1024.0 / 335, ratio, 1024.0 / 335 * 0.05, "nice 0 : nice 5 CPU time");
        assertTrue(hogs[0].task().nivcsw() > 10, "the tick preempted them");
    }

    @Test
    void affinityMovesASleepingTask() throws Exception {
        AtomicLong seen = new AtomicLong(-1);
        Completion go = core.newCompletion();
        Kthread mover = kthreads.run(() -> {
            go.waitForCompletion();
            seen.set(core.current().orElseThrow().cpu());
            return 0;
        }, "mover");
        while (mover.task().state() != TaskState.UNINTERRUPTIBLE) {
            Thread.onSpinWait();
        }
        BitSet one = new BitSet();
        one.set(1);
        core.setCpusAllowed(mover.task(), one);
        go.complete();
        mover.stop();
        assertEquals(1, seen.get());
        assertFalse(mover.task().cpusAllowed().get(0));
    }
}
