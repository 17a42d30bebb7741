package org.modux.kernel.irq.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.modux.kernel.irq.Interrupts.IRQF_ONESHOT;
import static org.modux.kernel.irq.Interrupts.IRQF_SHARED;
import static org.modux.kernel.irq.Interrupts.IRQ_HANDLED;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.modux.fs.proc.impl.ProcFixture;
import org.modux.hw.impl.PcInterruptController;
import org.modux.kernel.Taint;
import org.modux.kernel.impl.Taints;
import org.modux.kernel.printk.RecordingPrintk;
import org.modux.kernel.sched.impl.SchedFixture;
import org.modux.uapi.ErrnoException;

/** A module's Interrupts: the handlers it did not free are freed when it goes, each named in a warning. */
@Timeout(60)
class ModuleInterruptsTest {

    private final RecordingPrintk log = new RecordingPrintk();
    private final Taints taints = new Taints();
    private final SchedFixture fx = new SchedFixture(2, log, taints);
    private final PcInterruptController controller = new PcInterruptController(fx.machine);
    private final Genirq genirq = new Genirq(fx.core, controller, fx.kthreads, log, taints, fx.machine);
    private final ModuleInterrupts interrupts = new ModuleInterrupts(genirq, log, taints,
            ProcFixture.usingBundle("org.modux.modules.leaky"));

    @AfterEach
    void powerDown() {
        genirq.deactivate();
        fx.close();
    }

    @Test
    void handlersLeftInstalledAreFreedAndNamed() throws ErrnoException {
        AtomicInteger calls = new AtomicInteger();
        Object freed = new Object();
        Object kept = new Object();
        Object threaded = new Object();
        interrupts.requestIrq(5, (irq, dev) -> IRQ_HANDLED, IRQF_SHARED, "leaky-a", freed);
        interrupts.requestIrq(5, (irq, dev) -> IRQ_HANDLED, IRQF_SHARED, "leaky-b", kept);
        interrupts.requestThreadedIrq(6, null, (irq, dev) -> calls.incrementAndGet(),
                IRQF_ONESHOT, "leaky-t", threaded);
        assertEquals("leaky-a", interrupts.freeIrq(5, freed));
        interrupts.deactivate();
        assertNull(genirq.freeIrq(5, kept), "already freed");
        assertNull(genirq.freeIrq(6, threaded), "already freed");
        assertTrue(log.lines().contains("warn: genirq: leaky left irq 5 (leaky-b) requested, freeing it"), log.lines()::toString);
        assertTrue(log.lines().contains("warn: genirq: leaky left irq 6 (leaky-t) requested, freeing it"), log.lines()::toString);
        assertFalse(log.lines().stream().anyMatch(l -> l.contains("leaky-a")), log.lines()::toString);
        assertTrue((taints.mask() & Taint.WARN.bit()) != 0);
    }
}
