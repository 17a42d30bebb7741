package org.modux.kernel.percpu.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.modux.kernel.percpu.PerCpu;
import org.modux.kernel.percpu.PerCpuLong;
import org.modux.kernel.sched.impl.SmpKernel;

/** Per-CPU data on a two-CPU kernel: each CPU's own instance, and DEBUG_PREEMPT's check. */
@Timeout(60)
class PerCpuCoreTest {

    private final SmpKernel k = new SmpKernel(2);
    private final PerCpuCore percpu = new PerCpuCore(k.core);

    @AfterEach
    void powerDown() {
        k.close();
    }

    private void onCpu(int cpu, Runnable body) {
        k.kthreads.createOnCpu(() -> {
            body.run();
            return 0;
        }, cpu, "percpu/" + cpu).wakeUp();
    }

    @Test
    void eachCpuCountsInItsOwnSlot() {
        PerCpuLong counter = percpu.allocLong();
        var a = k.kthreads.createOnCpu(() -> {
            for (int i = 0; i < 1000; i++) {
                counter.thisCpuInc();
            }
            return 0;
        }, 0, "count/0");
        var b = k.kthreads.createOnCpu(() -> {
            counter.thisCpuAdd(5);
            return (int) counter.thisCpuRead();
        }, 1, "count/1");
        a.wakeUp();
        b.wakeUp();
        a.stop();
        assertEquals(5, b.stop());
        assertEquals(1000, counter.perCpu(0));
        assertEquals(5, counter.perCpu(1));
        assertEquals(1005, counter.sum());
    }

    @Test
    void thisCpuPtrIsTheRunningCpusInstance() {
        PerCpu<int[]> data = percpu.alloc(cpu -> new int[] {cpu});
        int[] seen = {-1, -1};
        var t0 = k.kthreads.createOnCpu(() -> data.thisCpuPtr()[0], 0, "ptr/0");
        var t1 = k.kthreads.createOnCpu(() -> data.thisCpuPtr()[0], 1, "ptr/1");
        t0.wakeUp();
        t1.wakeUp();
        seen[0] = t0.stop();
        seen[1] = t1.stop();
        assertEquals(0, seen[0]);
        assertEquals(1, seen[1]);
        assertEquals(1, data.perCpuPtr(1)[0]);
        assertTrue(k.log.lines().isEmpty(), k.log.lines()::toString);
    }

    @Test
    void usingTheCpuInPreemptibleCodeIsReported() {
        PerCpu<int[]> data = percpu.alloc(cpu -> new int[1]);
        AtomicInteger pid = new AtomicInteger();
        var t = k.kthreads.run(() -> {
            pid.set(k.core.currentOrNull().pid());
            k.core.preemptDisable();
            data.thisCpuPtr()[0]++;
            k.core.preemptEnable();
            assertTrue(k.log.lines().isEmpty(), "not with preemption off");
            data.thisCpuPtr()[0]++;
            return 0;
        }, "roamer");
        t.stop();
        String text = String.join("\n", k.log.lines());
        assertTrue(text.contains("err: BUG: using smp_processor_id() in preemptible [00000000] code: roamer/" + pid),
                text);
        assertTrue(text.contains("err: caller is org.modux.kernel.percpu.impl.PerCpuCoreTest"), text);
        assertFalse(text.contains("caller is org.modux.kernel.percpu.impl.PerCpuCore."), text);
    }
}
