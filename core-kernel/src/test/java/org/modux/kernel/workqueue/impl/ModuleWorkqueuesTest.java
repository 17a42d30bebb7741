package org.modux.kernel.workqueue.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.modux.fs.proc.impl.ProcFixture;
import org.modux.kernel.Taint;
import org.modux.kernel.sched.impl.SmpKernel;
import org.modux.kernel.workqueue.WorkStruct;

/** A module's Workqueues: its pending work is cancelled when it goes, with a warning. */
@Timeout(60)
class ModuleWorkqueuesTest {

    private final SmpKernel k = new SmpKernel(2);
    private final WorkqueueCore core = new WorkqueueCore(k.core, k.kthreads);
    private final ModuleWorkqueues wq = new ModuleWorkqueues(core, k.log, k.taints,
            ProcFixture.usingBundle("org.modux.modules.leaky"));

    @AfterEach
    void powerDown() {
        core.deactivate();
        k.close();
    }

    @Test
    void pendingWorkIsCancelledAndCounted() throws InterruptedException {
        // CPU 1's kworker is busy with the kernel's own item, so the module's waits behind it.
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean release = new AtomicBoolean();
        WorkStruct busy = core.initWork(self -> {
            started.countDown();
            while (!release.get()) {
                k.core.msleep(1);
            }
        });
        core.queueWorkOn(1, core.systemWq(), busy);
        started.await();
        AtomicInteger ran = new AtomicInteger();
        WorkStruct left = wq.initWork(self -> ran.incrementAndGet());
        assertTrue(wq.queueWorkOn(1, wq.systemWq(), left));
        wq.deactivate();
        release.set(true);
        core.flushWork(busy);
        assertFalse(core.flushWork(left), "no longer queued");
        assertEquals(0, ran.get());
        assertTrue(k.log.lines().contains("warn: workqueue: leaky left 1 work item pending, cancelled"),
                k.log.lines()::toString);
        assertTrue((k.taints.mask() & Taint.WARN.bit()) != 0);
    }

    @Test
    void workThatRanIsNotReported() {
        AtomicInteger ran = new AtomicInteger();
        WorkStruct w = wq.initWork(self -> ran.incrementAndGet());
        wq.scheduleWork(w);
        wq.flushWork(w);
        wq.deactivate();
        assertEquals(1, ran.get());
        assertFalse(k.log.lines().stream().anyMatch(l -> l.contains(": workqueue: ")), k.log.lines()::toString);
    }
}
