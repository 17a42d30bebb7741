package org.modux.kernel.softirq.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.modux.fs.proc.SeqText;
import org.modux.kernel.Taint;
import org.modux.kernel.sched.Kthread;
import org.modux.kernel.sched.Task;
import org.modux.kernel.sched.TaskState;
import org.modux.kernel.sched.impl.SmpKernel;
import org.modux.kernel.softirq.SoftirqVector;
import org.modux.kernel.softirq.Tasklet;

/**
 * Softirqs and tasklets on a two-CPU kernel: where and in which context a raised
 * softirq runs, the restart bound that leaves the rest to ksoftirqd, tasklets
 * scheduled from both CPUs at once, faults in handlers, /proc/softirqs.
 */
@Timeout(60)
class SoftirqCoreTest {

    /** A device vector the test takes in hard-interrupt context (no interrupt layer here). */
    private static final int TEST_VECTOR = 0x40;

    private final SmpKernel k = new SmpKernel(2);
    private final SoftirqCore softirqs = new SoftirqCore(k.core, k.kthreads, k.log);

    @AfterEach
    void powerDown() {
        softirqs.deactivate();
        k.close();
    }

    private String comm() {
        return k.core.current().map(Task::comm).orElse("(none)");
    }

    /** Hard interrupts on the test vector run {@code handler} on the CPU they are sent to. */
    /**
     * Waits until no task is runnable (ksoftirqd and kthreadd have gone to sleep after
     * starting), so that an interrupt sent to a CPU is taken by its idle task.
     */
    private void awaitAllIdle() throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (k.core.nrRunning() != 0 && System.nanoTime() < end) {
            Thread.sleep(1);
        }
        assertEquals(0, k.core.nrRunning(), "tasks still runnable");
    }

    private void onTestVector(Runnable handler) {
        k.core.setInterruptEntry((cpu, vector) -> {
            if (vector == TEST_VECTOR) {
                handler.run();
            }
        });
    }

    @Test
    void aSoftirqRaisedInAHardInterruptRunsOnThatCpuInSoftirqContext() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        AtomicInteger cpu = new AtomicInteger(-1);
        AtomicBoolean serving = new AtomicBoolean();
        AtomicBoolean hardirq = new AtomicBoolean(true);
        softirqs.openSoftirq(SoftirqVector.NET_RX, () -> {
            cpu.set(k.core.smpProcessorId());
            serving.set(softirqs.inServingSoftirq() && softirqs.inInterrupt());
            hardirq.set(k.core.inHardirq());
            ran.countDown();
        });
        onTestVector(() -> softirqs.raiseSoftirq(SoftirqVector.NET_RX));
        k.core.kickCpu(1, TEST_VECTOR);
        ran.await();
        assertEquals(1, cpu.get());
        assertTrue(serving.get(), "in_serving_softirq() in the handler");
        assertFalse(hardirq.get(), "softirqs run after the hard interrupt, not in it");
        assertEquals(1, softirqs.softirqCount(SoftirqVector.NET_RX, 1));
        assertEquals(0, softirqs.softirqCount(SoftirqVector.NET_RX, 0));
        assertFalse(softirqs.inSoftirq(), "a host thread is in no CPU's context");
    }

    @Test
    void aSoftirqRaisedFromAKthreadRunsInTheKsoftirqdOfItsCpu() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        AtomicReference<String> where = new AtomicReference<>();
        softirqs.openSoftirq(SoftirqVector.NET_TX, () -> {
            where.set(comm() + " on " + k.core.smpProcessorId());
            ran.countDown();
        });
        Kthread raiser = k.kthreads.createOnCpu(() -> {
            softirqs.raiseSoftirq(SoftirqVector.NET_TX);
            return 0;
        }, 0, "raiser");
        raiser.wakeUp();
        ran.await();
        raiser.stop();
        assertEquals("ksoftirqd/0 on 0", where.get());
    }

    @Test
    void aSoftirqThatKeepsRaisingItselfIsLeftToKsoftirqdAfterTenPasses() throws Exception {
        List<String> runs = new CopyOnWriteArrayList<>();
        CountDownLatch inKsoftirqd = new CountDownLatch(1);
        softirqs.openSoftirq(SoftirqVector.BLOCK, () -> {
            String c = comm();
            runs.add(c);
            if (c.startsWith("ksoftirqd/")) {
                inKsoftirqd.countDown();
            } else {
                softirqs.raiseSoftirq(SoftirqVector.BLOCK);
            }
        });
        onTestVector(() -> softirqs.raiseSoftirq(SoftirqVector.BLOCK));
        awaitAllIdle();
        long ticksBefore = k.clockEvents.device(1).events();
        k.core.kickCpu(1, TEST_VECTOR);
        inKsoftirqd.await();
        long ticks = k.clockEvents.device(1).events() - ticksBefore;
        int first = runs.indexOf("ksoftirqd/1");
        assertTrue(first >= 1, runs.toString());
        assertTrue(runs.subList(0, first).stream().allMatch("swapper/1"::equals), runs.toString());
        // Each interrupt exit makes at most MAX_SOFTIRQ_RESTART passes; a tick taken
        // before ksoftirqd got the CPU would be another interrupt exit.
        assertTrue(first <= SoftirqCore.MAX_SOFTIRQ_RESTART * (1 + ticks), first + " passes, " + ticks + " ticks");
        assertEquals(runs.size(), softirqs.softirqCount(SoftirqVector.BLOCK, 1));
    }

    @Test
    void aTaskletScheduledFromBothCpusRunsOnOneAtATimeAndAfterEverySchedule() throws Exception {
        int rounds = 3000;
        AtomicInteger running = new AtomicInteger();
        AtomicBoolean overlap = new AtomicBoolean();
        AtomicInteger scheduled = new AtomicInteger();
        AtomicInteger seenAtLastRun = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        boolean[] ranOn = new boolean[2];
        Tasklet t = softirqs.taskletSetup(self -> {
            if (running.getAndIncrement() != 0) {
                overlap.set(true);
            }
            seenAtLastRun.set(scheduled.get());
            ranOn[k.core.smpProcessorId()] = true;
            runs.incrementAndGet();
            for (int i = 0; i < 200; i++) {
                Thread.onSpinWait();
            }
            running.decrementAndGet();
        });
        List<Kthread> schedulers = new ArrayList<>();
        CountDownLatch started = new CountDownLatch(2);
        for (int cpu = 0; cpu < 2; cpu++) {
            schedulers.add(k.kthreads.createOnCpu(() -> {
                started.countDown();
                while (started.getCount() > 0) {
                    Thread.onSpinWait();
                }
                for (int i = 0; i < rounds; i++) {
                    scheduled.incrementAndGet();
                    softirqs.taskletSchedule(t);
                    k.core.yield();
                }
                return 0;
            }, cpu, "sched" + cpu));
        }
        schedulers.forEach(Kthread::wakeUp);
        schedulers.forEach(Kthread::stop);
        softirqs.taskletKill(t);
        assertFalse(overlap.get(), "a tasklet ran on both CPUs at once");
        assertEquals(2 * rounds, seenAtLastRun.get(), "the last run began after the last schedule");
        assertTrue(ranOn[0] && ranOn[1], "ran on both CPUs");
        assertFalse(t.isScheduled() || t.isRunning());
        System.out.printf("tasklet: %d schedules, %d runs%n", 2 * rounds, runs.get());
    }

    @Test
    void aDisabledTaskletWaitsForEnable() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        Tasklet t = softirqs.taskletSetup(self -> ran.countDown());
        softirqs.taskletDisable(t);
        Kthread raiser = k.kthreads.createOnCpu(() -> {
            softirqs.taskletHiSchedule(t);
            return 0;
        }, 1, "raiser");
        raiser.wakeUp();
        raiser.stop();
        while (softirqs.softirqCount(SoftirqVector.HI, 1) < 3) {
            Thread.onSpinWait();
        }
        assertEquals(1, ran.getCount(), "ran while disabled");
        assertTrue(t.isScheduled());
        softirqs.taskletEnable(t);
        ran.await();
        softirqs.taskletKill(t);
    }

    @Test
    void sleepingInASoftirqIsSchedulingWhileAtomic() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        softirqs.openSoftirq(SoftirqVector.SCHED, () -> {
            k.core.setCurrentState(TaskState.UNINTERRUPTIBLE);
            k.core.schedule();
            k.core.setCurrentState(TaskState.RUNNING);
            ran.countDown();
        });
        onTestVector(() -> softirqs.raiseSoftirq(SoftirqVector.SCHED));
        awaitAllIdle();
        k.core.kickCpu(1, TEST_VECTOR);
        ran.await();
        assertTrue(k.log.lines().contains("err: BUG: scheduling while atomic: swapper/1/0/0x00000100"),
                k.log.lines().toString());
        assertTrue((k.taints.mask() & Taint.WARN.bit()) != 0);
    }

    @Test
    void anExceptionInASoftirqHandlerIsAnOopsAndSoftirqsGoOn() throws Exception {
        CountDownLatch after = new CountDownLatch(1);
        softirqs.openSoftirq(SoftirqVector.IRQ_POLL, () -> {
            throw new IllegalStateException("poll went wrong");
        });
        softirqs.openSoftirq(SoftirqVector.RCU, after::countDown);
        onTestVector(() -> {
            softirqs.raiseSoftirq(SoftirqVector.IRQ_POLL);
            softirqs.raiseSoftirq(SoftirqVector.RCU);
        });
        k.core.kickCpu(0, TEST_VECTOR);
        after.await();
        assertTrue((k.taints.mask() & Taint.DIE.bit()) != 0);
        assertTrue(k.log.lines().stream().anyMatch(l -> l.contains("Oops: java.lang.IllegalStateException: poll went wrong")),
                k.log.lines().toString());
    }

    @Test
    void procSoftirqsHasLinuxsLayout() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        softirqs.openSoftirq(SoftirqVector.NET_RX, ran::countDown);
        onTestVector(() -> softirqs.raiseSoftirq(SoftirqVector.NET_RX));
        k.core.kickCpu(1, TEST_VECTOR);
        ran.await();
        SeqText out = new SeqText();
        ProcSoftirqs.show(out, softirqs);
        // SCHED counts the ticks' load balancing, whenever they come: its numbers are the CPUs'.
        String text = out.toString();
        assertTrue(text.matches("(?s).*\n       SCHED: +\\d+ +\\d+\n.*"), text);
        // The header ends in the padding of the last CPU's column, as Linux's does.
        assertEquals("""
                                    CPU0       CPU1      \s
                          HI:          0          0
                       TIMER:          0          0
                      NET_TX:          0          0
                      NET_RX:          0          1
                       BLOCK:          0          0
                    IRQ_POLL:          0          0
                     TASKLET:          0          0
                       SCHED:          0          0
                     HRTIMER:          0          0
                         RCU:          0          0
                """, text.replaceAll("\n       SCHED: +\\d+ +\\d+\n", "\n       SCHED:          0          0\n"));
    }
}
