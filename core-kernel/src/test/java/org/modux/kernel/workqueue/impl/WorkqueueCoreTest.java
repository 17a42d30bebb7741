package org.modux.kernel.workqueue.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.modux.kernel.Taint;
import org.modux.kernel.sched.Completion;
import org.modux.kernel.sched.Kthread;
import org.modux.kernel.sched.Task;
import org.modux.kernel.sched.impl.SmpKernel;
import org.modux.kernel.workqueue.WorkStruct;

/** system_wq on a two-CPU kernel: kworkers, sleeping work, flush and cancel. */
@Timeout(60)
class WorkqueueCoreTest {

    private final SmpKernel k = new SmpKernel(2);
    private final WorkqueueCore wq = new WorkqueueCore(k.core, k.kthreads);

    @AfterEach
    void powerDown() {
        wq.deactivate();
        k.close();
    }

    @Test
    void workQueuedOnACpuRunsInItsKworkerAndMaySleep() {
        AtomicReference<String> where = new AtomicReference<>();
        WorkStruct w = wq.initWork(self -> {
            k.core.msleep(5);
            where.set(k.core.current().map(Task::comm).orElse("?") + " on " + k.core.smpProcessorId());
        });
        Kthread q = k.kthreads.createOnCpu(() -> {
            wq.scheduleWork(w);
            return 0;
        }, 1, "queuer");
        q.wakeUp();
        q.stop();
        wq.flushWork(w);
        assertEquals("kworker/1:0 on 1", where.get());
        assertTrue(k.core.tasks().stream().anyMatch(t -> t.comm().equals("kworker/0:0")));
    }

    @Test
    void queueingAPendingWorkDoesNothingAndFlushWaitsForIt() {
        Completion release = k.core.newCompletion();
        AtomicInteger runs = new AtomicInteger();
        WorkStruct blocker = wq.initWork(self -> release.waitForCompletion());
        WorkStruct w = wq.initWork(self -> runs.incrementAndGet());
        assertTrue(wq.queueWorkOn(0, wq.systemWq(), blocker));
        assertTrue(wq.queueWorkOn(0, wq.systemWq(), w));
        assertFalse(wq.queueWorkOn(0, wq.systemWq(), w), "already pending");
        assertTrue(w.pending());
        release.complete();
        assertTrue(wq.flushWork(w));
        assertEquals(1, runs.get());
        assertFalse(wq.flushWork(w), "idle");
    }

    @Test
    void cancelWorkSyncTakesAPendingItemOffAndWaitsForARunningOne() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean release = new AtomicBoolean();
        AtomicBoolean finished = new AtomicBoolean();
        AtomicInteger laterRuns = new AtomicInteger();
        WorkStruct running = wq.initWork(self -> {
            started.countDown();
            while (!release.get()) {
                k.core.msleep(1);
            }
            finished.set(true);
        });
        WorkStruct queued = wq.initWork(self -> laterRuns.incrementAndGet());
        wq.queueWorkOn(1, wq.systemWq(), running);
        started.await();
        wq.queueWorkOn(1, wq.systemWq(), queued);
        assertTrue(wq.cancelWorkSync(queued), "it was pending");
        AtomicBoolean finishedWhenCancelReturned = new AtomicBoolean();
        Thread canceller = Thread.ofPlatform().start(() -> {
            wq.cancelWorkSync(running);
            finishedWhenCancelReturned.set(finished.get());
        });
        Thread.sleep(30);
        release.set(true);
        canceller.join();
        assertTrue(finishedWhenCancelReturned.get(), "cancel_work_sync returned while the work ran");
        assertTrue(wq.queueWorkOn(1, wq.systemWq(), running), "queueable again after the cancel");
        wq.flushWork(running);
        assertEquals(0, laterRuns.get());
    }

    @Test
    void anExceptionInAWorkItemIsAnOopsAndTheWorkerGoesOn() {
        WorkStruct bad = wq.initWork(self -> {
            throw new IllegalStateException("bad work");
        });
        AtomicBoolean ran = new AtomicBoolean();
        WorkStruct good = wq.initWork(self -> ran.set(true));
        wq.queueWorkOn(0, wq.systemWq(), bad);
        wq.queueWorkOn(0, wq.systemWq(), good);
        wq.flushWork(good);
        assertTrue(ran.get());
        assertTrue((k.taints.mask() & Taint.DIE.bit()) != 0);
        assertTrue(k.log.lines().stream().anyMatch(l -> l.contains("Comm: kworker/0:0")), k.log.lines().toString());
    }
}
