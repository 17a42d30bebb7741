package org.modux.kernel.softirq.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.modux.fs.proc.impl.ProcFixture;
import org.modux.kernel.Taint;
import org.modux.kernel.sched.impl.SmpKernel;
import org.modux.kernel.softirq.SoftirqVector;
import org.modux.kernel.softirq.Tasklet;

/** A module's Softirqs: its scheduled tasklets are killed when it goes; softirq vectors are not its to open. */
@Timeout(60)
class ModuleSoftirqsTest {

    private final SmpKernel k = new SmpKernel(2);
    private final SoftirqCore core = new SoftirqCore(k.core, k.kthreads, k.log);
    private final ModuleSoftirqs softirqs = new ModuleSoftirqs(core, k.log, k.taints,
            ProcFixture.usingBundle("org.modux.modules.leaky"));

    @AfterEach
    void powerDown() {
        core.deactivate();
        k.close();
    }

    @Test
    void aDisabledScheduledTaskletIsEnabledAndKilled() {
        AtomicInteger ran = new AtomicInteger();
        Tasklet t = softirqs.taskletSetup(self -> ran.incrementAndGet());
        softirqs.taskletDisable(t);
        softirqs.taskletSchedule(t);
        softirqs.taskletSetup(self -> ran.incrementAndGet());
        softirqs.deactivate();
        assertFalse(t.isScheduled());
        assertFalse(t.isRunning());
        assertEquals(0, t.disableCount());
        assertTrue(k.log.lines().contains("warn: softirq: leaky left 1 tasklet scheduled, killed"), k.log.lines()::toString);
        assertTrue((k.taints.mask() & Taint.WARN.bit()) != 0);
    }

    @Test
    void nothingLeftNothingSaid() {
        softirqs.taskletSetup(self -> { });
        softirqs.deactivate();
        assertFalse(k.log.lines().stream().anyMatch(l -> l.contains(": softirq: ")), k.log.lines()::toString);
    }

    @Test
    void openSoftirqIsNotExportedToModules() {
        assertThrows(UnsupportedOperationException.class, () -> softirqs.openSoftirq(SoftirqVector.NET_RX, () -> { }));
    }
}
