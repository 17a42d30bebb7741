package org.modux.kernel.sched.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.modux.fs.proc.impl.ProcFixture;
import org.modux.kernel.Taint;
import org.modux.kernel.sched.Kthread;
import org.modux.kernel.sched.TaskState;

/** A module's Kthreads: what it leaves running is stopped when it goes, with a warning. */
@Timeout(60)
class ModuleKthreadsTest {

    private final SmpKernel k = new SmpKernel(2);

    @AfterEach
    void powerDown() {
        k.close();
    }

    private ModuleKthreads of(String bsn) {
        return new ModuleKthreads(k.kthreads, k.log, k.taints, ProcFixture.usingBundle(bsn));
    }

    /** Linux's idiom: sleep until kthread_stop. */
    private int sleeper(ModuleKthreads kthreads) {
        while (!kthreads.shouldStop()) {
            k.core.setCurrentState(TaskState.INTERRUPTIBLE);
            if (!kthreads.shouldStop()) {
                k.core.schedule();
            }
            k.core.setCurrentState(TaskState.RUNNING);
        }
        return 7;
    }

    @Test
    void aThreadLeftRunningIsStoppedAndNamed() {
        ModuleKthreads kthreads = of("org.modux.modules.leaky");
        Kthread t = kthreads.run(() -> sleeper(kthreads), "leaky/0");
        kthreads.deactivate();
        assertEquals(TaskState.DEAD, t.task().state());
        assertTrue(k.log.lines().contains("warn: kthread: leaky left kthread leaky/0 running, stopping it"), k.log.lines()::toString);
        assertTrue((k.taints.mask() & Taint.WARN.bit()) != 0);
    }

    @Test
    void aThreadThatEndedOrWasStoppedIsNotReported() {
        ModuleKthreads kthreads = of("org.modux.modules.tidy");
        Kthread done = kthreads.run(() -> 0, "tidy/0");
        Kthread stopped = kthreads.run(() -> sleeper(kthreads), "tidy/1");
        assertEquals(7, stopped.stop());
        while (done.task().state() != TaskState.DEAD) {
            Thread.onSpinWait();
        }
        kthreads.deactivate();
        assertFalse(k.log.lines().stream().anyMatch(l -> l.contains(": kthread: ")), k.log.lines()::toString);
        assertEquals(0, k.taints.mask() & Taint.WARN.bit());
    }

    @Test
    void theKernelsOwnThreadsStopSilently() {
        ModuleKthreads kthreads = of("org.modux.kernel");
        Kthread t = kthreads.run(() -> sleeper(kthreads), "kernel/0");
        kthreads.deactivate();
        assertEquals(TaskState.DEAD, t.task().state());
        assertFalse(k.log.lines().stream().anyMatch(l -> l.contains(": kthread: ")), k.log.lines()::toString);
    }
}
