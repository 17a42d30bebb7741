package org.modux.kernel.time.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.modux.kernel.Taint;
import org.modux.kernel.sched.Kthread;
import org.modux.kernel.sched.impl.SmpKernel;
import org.modux.kernel.softirq.SoftirqVector;
import org.modux.kernel.softirq.impl.SoftirqCore;
import org.modux.kernel.time.TimerList;

/**
 * Kernel timers on a two-CPU kernel with its tick: they run in TIMER_SOFTIRQ on
 * their CPU, re-arm, wake an idle CPU whose tick is stopped, and the deletes behave
 * as Linux's.
 */
@Timeout(60)
class TimerCoreTest {

    private final SmpKernel k = new SmpKernel(2);
    private final SoftirqCore softirqs = new SoftirqCore(k.core, k.kthreads, k.log);
    private final TimerCore timers = new TimerCore(k.machine, k.core, softirqs, k.log, k.taints);

    @AfterEach
    void powerDown() {
        timers.deactivate();
        softirqs.deactivate();
        k.close();
    }

    /** Runs {@code body} in a kthread bound to {@code cpu} and waits for it. */
    private void onCpu(int cpu, Runnable body) {
        Kthread t = k.kthreads.createOnCpu(() -> {
            body.run();
            return 0;
        }, cpu, "test/" + cpu);
        t.wakeUp();
        t.stop();
    }

    @Test
    void aTimerRunsInTimerSoftirqOnItsCpuAndModTimerRearmsIt() throws Exception {
        CountDownLatch three = new CountDownLatch(3);
        List<String> runs = new CopyOnWriteArrayList<>();
        TimerList[] timer = new TimerList[1];
        onCpu(1, () -> {
            timer[0] = timers.timerSetup(t -> {
                long j = timers.jiffies();
                runs.add("cpu" + k.core.smpProcessorId() + (softirqs.inServingSoftirq() ? " softirq" : " task")
                        + (j - t.expires() >= 0 ? " on time" : " early"));
                if (three.getCount() > 1) {
                    timers.modTimer(t, j + 2);
                }
                three.countDown();
            }, 0);
            timers.addTimer(timer[0], timers.jiffies() + timers.msecsToJiffies(10));
        });
        three.await();
        assertEquals(List.of("cpu1 softirq on time", "cpu1 softirq on time", "cpu1 softirq on time"), runs);
        assertFalse(timers.timerPending(timer[0]), "a timer that ran is not pending unless re-armed");
        assertTrue(softirqs.softirqCount(SoftirqVector.TIMER, 1) >= 3);
    }

    @Test
    void modTimerAndTimerDeleteSayWhetherItWasPending() {
        AtomicBoolean ran = new AtomicBoolean();
        TimerList t = timers.timerSetup(x -> ran.set(true), 0);
        long far = timers.jiffies() + 100 * 250;
        assertFalse(timers.modTimer(t, far));
        assertTrue(timers.timerPending(t));
        assertTrue(timers.modTimer(t, far + 1000));
        assertEquals(far + 1000, t.expires());
        assertTrue(timers.timerDelete(t));
        assertFalse(timers.timerDelete(t));
        assertFalse(timers.timerDeleteSync(t));
        assertFalse(ran.get());
    }

    @Test
    void anIdleCpuWithItsTickStoppedWakesForItsTimer() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        AtomicInteger cpu = new AtomicInteger(-1);
        AtomicLong late = new AtomicLong(-1);
        long expires = timers.jiffies() + timers.msecsToJiffies(200);
        TimerList t = timers.timerSetup(x -> {
            cpu.set(k.core.smpProcessorId());
            late.set(timers.jiffies() - x.expires());
            ran.countDown();
        }, 0);
        // From a thread that is no CPU's, onto idle CPU 1: only its one-shot clock event wakes it.
        timers.addTimerOn(t, expires, 1);
        ran.await();
        assertEquals(1, cpu.get());
        assertTrue(late.get() >= 0, "ran early");
    }

    @Test
    void timerDeleteSyncWaitsForTheFunctionRunningOnTheOtherCpu() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        AtomicBoolean release = new AtomicBoolean();
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean finishedWhenDeleteReturned = new AtomicBoolean();
        CountDownLatch deleting = new CountDownLatch(1);
        TimerList t = timers.timerSetup(x -> {
            inside.countDown();
            while (!release.get()) {
                Thread.onSpinWait();
            }
            finished.set(true);
        }, 0);
        timers.addTimerOn(t, timers.jiffies() + 1, 1);
        inside.await();
        Kthread deleter = k.kthreads.createOnCpu(() -> {
            deleting.countDown();
            timers.timerDeleteSync(t);
            finishedWhenDeleteReturned.set(finished.get());
            return 0;
        }, 0, "deleter");
        deleter.wakeUp();
        deleting.await();
        // Give a delete that would not wait the time to return early; one that waits passes anyway.
        Thread.sleep(50);
        release.set(true);
        deleter.stop();
        assertTrue(finishedWhenDeleteReturned.get(), "timer_delete_sync returned while the function ran");
    }

    @Test
    void timerDeleteSyncFromItsOwnFunctionWarnsInsteadOfDeadlocking() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        TimerList t = timers.timerSetup(x -> {
            timers.timerDeleteSync(x);
            ran.countDown();
        }, 0);
        timers.addTimerOn(t, timers.jiffies() + 1, 0);
        ran.await();
        assertTrue(k.log.lines().stream().anyMatch(l -> l.contains("__timer_delete_sync") && l.contains("deadlock")),
                k.log.lines().toString());
        assertTrue((k.taints.mask() & Taint.WARN.bit()) != 0);
    }

    @Test
    void anExceptionInATimerFunctionIsAnOopsAndTimersGoOn() throws Exception {
        CountDownLatch after = new CountDownLatch(1);
        TimerList bad = timers.timerSetup(x -> {
            throw new IllegalArgumentException("bad timer");
        }, 0);
        TimerList good = timers.timerSetup(x -> after.countDown(), 0);
        long j = timers.jiffies();
        timers.addTimerOn(bad, j + 2, 1);
        timers.addTimerOn(good, j + 4, 1);
        after.await();
        assertTrue((k.taints.mask() & Taint.DIE.bit()) != 0);
        assertTrue(k.log.lines().stream().anyMatch(l -> l.contains("Oops: java.lang.IllegalArgumentException: bad timer")));
    }

    @Test
    void msleepAndTimedWaitsSleepOnKernelTimers() {
        long timerRunsBefore = softirqs.softirqCount(SoftirqVector.TIMER, 1);
        AtomicLong sleptNs = new AtomicLong();
        AtomicBoolean timedOut = new AtomicBoolean();
        onCpu(1, () -> {
            long t0 = k.machine.clock().readNanos();
            k.core.msleep(20);
            sleptNs.set(k.machine.clock().readNanos() - t0);
            timedOut.set(!k.core.newWaitQueue().waitEventTimeout(() -> false, 10_000_000L));
        });
        assertTrue(sleptNs.get() >= 20_000_000L, "msleep(20) returned after " + sleptNs.get() + " ns");
        assertTrue(timedOut.get());
        assertTrue(softirqs.softirqCount(SoftirqVector.TIMER, 1) - timerRunsBefore >= 2,
                "process_timeout ran in TIMER_SOFTIRQ on the sleeper's CPU");
    }
}
