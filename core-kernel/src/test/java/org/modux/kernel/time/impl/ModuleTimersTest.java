package org.modux.kernel.time.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.modux.fs.proc.impl.ProcFixture;
import org.modux.kernel.Taint;
import org.modux.kernel.sched.impl.SmpKernel;
import org.modux.kernel.softirq.impl.SoftirqCore;
import org.modux.kernel.time.TimerList;
import org.modux.kernel.time.Timers;

/** A module's Timers: timers it leaves pending are deleted when it goes, with a warning. */
@Timeout(60)
class ModuleTimersTest {

    private final SmpKernel k = new SmpKernel(2);
    private final SoftirqCore softirqs = new SoftirqCore(k.core, k.kthreads, k.log);
    private final TimerCore core = new TimerCore(k.machine, k.core, softirqs, k.log, k.taints);
    private final ModuleTimers timers = new ModuleTimers(core, k.log, k.taints,
            ProcFixture.usingBundle("org.modux.modules.leaky"));

    @AfterEach
    void powerDown() {
        core.deactivate();
        softirqs.deactivate();
        k.close();
    }

    @Test
    void pendingTimersAreDeletedAndCounted() {
        AtomicInteger fired = new AtomicInteger();
        TimerList a = timers.timerSetup(t -> fired.incrementAndGet(), 0);
        TimerList b = timers.timerSetup(t -> fired.incrementAndGet(), 0);
        timers.timerSetup(t -> fired.incrementAndGet(), 0);
        timers.addTimer(a, timers.jiffies() + 3600L * Timers.HZ);
        timers.addTimer(b, timers.jiffies() + 3600L * Timers.HZ);
        timers.deactivate();
        assertFalse(core.timerPending(a));
        assertFalse(core.timerPending(b));
        assertEquals(0, fired.get());
        assertTrue(k.log.lines().contains("warn: timer: leaky left 2 timers pending, deleted"), k.log.lines()::toString);
        assertTrue((k.taints.mask() & Taint.WARN.bit()) != 0);
    }

    @Test
    void aTimerThatFiredIsNotReported() throws InterruptedException {
        CountDownLatch fired = new CountDownLatch(1);
        TimerList t = timers.timerSetup(self -> fired.countDown(), 0);
        timers.addTimer(t, timers.jiffies() + 1);
        assertTrue(fired.await(10, TimeUnit.SECONDS));
        timers.deactivate();
        assertFalse(k.log.lines().stream().anyMatch(l -> l.contains(": timer: ")), k.log.lines()::toString);
        assertEquals(0, k.taints.mask() & Taint.WARN.bit());
    }
}
