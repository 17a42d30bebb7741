package org.modux.kernel.irq.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.modux.fs.sysfs.impl.SysfsFiles.cat;
import static org.modux.fs.sysfs.impl.SysfsFiles.echo;
import static org.modux.kernel.irq.Interrupts.IRQF_ONESHOT;
import static org.modux.kernel.irq.Interrupts.IRQF_SHARED;
import static org.modux.kernel.irq.Interrupts.IRQ_HANDLED;
import static org.modux.kernel.irq.Interrupts.IRQ_NONE;
import static org.modux.kernel.irq.Interrupts.IRQ_WAKE_THREAD;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.modux.fs.proc.impl.ProcFixture;
import org.modux.hw.impl.IrqTestDeviceFactory;
import org.modux.hw.impl.PcInterruptController;
import org.modux.hw.irq.IrqTestDevice;
import org.modux.kernel.Taint;
import org.modux.kernel.impl.Taints;
import org.modux.kernel.printk.LogLevel;
import org.modux.kernel.printk.RecordingPrintk;
import org.modux.kernel.sched.SchedPolicy;
import org.modux.kernel.sched.Task;
import org.modux.kernel.sched.impl.SchedFixture;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/**
 * The generic interrupt layer on a running two-CPU machine: the real scheduler takes
 * the vectors, the real interrupt controller delivers them, test devices raise them.
 */
@Timeout(60)
class GenirqTest {

    private final RecordingPrintk log = new RecordingPrintk();
    private final Taints taints = new Taints();
    private final SchedFixture fx = new SchedFixture(2, log, taints);
    private final PcInterruptController controller = new PcInterruptController(fx.machine);
    private final Genirq genirq = new Genirq(fx.core, controller, fx.kthreads, log, taints, fx.machine);
    private final IrqTestDeviceFactory devices = new IrqTestDeviceFactory(controller, fx.machine);
    private final List<IrqTestDevice> attached = new ArrayList<>();

    @AfterEach
    void powerDown() {
        attached.forEach(IrqTestDevice::close);
        genirq.deactivate();
        fx.close();
    }

    private IrqTestDevice device(int irq) {
        IrqTestDevice d = devices.attach(irq);
        attached.add(d);
        return d;
    }

    private static void await(BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    private boolean logged(String text) {
        return log.lines().stream().anyMatch(l -> l.contains(text));
    }

    private static BitSet cpus(int... ids) {
        BitSet s = new BitSet();
        for (int id : ids) {
            s.set(id);
        }
        return s;
    }

    @Test
    void aSharedLineCallsEveryHandler() throws ErrnoException {
        AtomicInteger a = new AtomicInteger();
        AtomicInteger b = new AtomicInteger();
        Object devA = new Object();
        Object devB = new Object();
        genirq.requestIrq(5, (irq, dev) -> dev == devA && a.incrementAndGet() > 0 ? IRQ_HANDLED : IRQ_NONE,
                IRQF_SHARED, "a", devA);
        genirq.requestIrq(5, (irq, dev) -> dev == devB && b.incrementAndGet() > 0 ? IRQ_NONE : IRQ_NONE,
                IRQF_SHARED, "b", devB);
        device(5).fire();
        await(() -> a.get() == 1 && b.get() == 1);
        assertEquals(1, genirq.kstatIrqsCpu(5, 0) + genirq.kstatIrqsCpu(5, 1));
        assertEquals("a", genirq.freeIrq(5, devA));
        device(5).fire();
        await(() -> b.get() == 2);
        assertEquals(1, a.get());
    }

    @Test
    void requestChecksAreLinuxs() throws ErrnoException {
        Object dev = new Object();
        assertEquals(Errno.EINVAL, assertThrows(ErrnoException.class,
                () -> genirq.requestIrq(5, null, 0, "none", dev)).errno());
        assertEquals(Errno.EINVAL, assertThrows(ErrnoException.class,
                () -> genirq.requestIrq(5, (i, d) -> IRQ_HANDLED, IRQF_SHARED, "nodev", null)).errno());
        assertEquals(Errno.EINVAL, assertThrows(ErrnoException.class,
                () -> genirq.requestIrq(200, (i, d) -> IRQ_HANDLED, 0, "nosuch", dev)).errno());
        genirq.requestIrq(5, (i, d) -> IRQ_HANDLED, 0, "first", null);
        assertEquals(Errno.EBUSY, assertThrows(ErrnoException.class,
                () -> genirq.requestIrq(5, (i, d) -> IRQ_HANDLED, IRQF_SHARED, "second", dev)).errno());
        assertTrue(log.at(LogLevel.ERR).contains("genirq: Flags mismatch irq 5. 00000081 (second) vs. 00000001 (first)"),
                log.lines().toString());
        assertEquals(Errno.EINVAL, assertThrows(ErrnoException.class,
                () -> genirq.requestThreadedIrq(6, null, (i, d) -> IRQ_HANDLED, 0, "nooneshot", dev)).errno());
        assertTrue(log.at(LogLevel.ERR)
                .contains("genirq: Threaded irq requested with handler=NULL and !ONESHOT for nooneshot (irq 6)"));
        assertEquals(null, genirq.freeIrq(6, dev));
        assertTrue(logged("Trying to free already-free IRQ 6"));
    }

    @Test
    void aLineWhoseHandlerNeverCaresIsDisabledAfter100000Interrupts() throws ErrnoException {
        AtomicInteger calls = new AtomicInteger();
        genirq.requestIrq(6, (irq, dev) -> {
            calls.incrementAndGet();
            return IRQ_NONE;
        }, 0, "deaf", null);
        genirq.irqSetAffinity(6, cpus(1));
        IrqTestDevice dev = device(6);
        for (int i = 0; i < 100_000; i++) {
            dev.fire();
            int want = i + 1;
            await(() -> calls.get() >= want);
        }
        await(() -> logged("Disabling IRQ #6"));
        List<String> err = log.at(LogLevel.ERR);
        assertTrue(err.contains("irq 6: nobody cared (try booting with the \"irqpoll\" option)"), err.toString());
        int handlers = err.indexOf("handlers:");
        assertTrue(handlers > 0);
        assertTrue(err.get(handlers + 1).matches("\\[<[0-9a-f]{16}>\\] .*GenirqTest.*"), err.get(handlers + 1));
        assertTrue(log.at(LogLevel.EMERG).contains("Disabling IRQ #6"));
        dev.fire();
        await(() -> controller.isMasked(6));
        assertEquals(100_000, calls.get());
    }

    @Test
    void aHandlerThatThrowsIsAnOopsAndOnlyItsLineGoesOff() throws ErrnoException {
        AtomicInteger good = new AtomicInteger();
        AtomicInteger bad = new AtomicInteger();
        genirq.requestIrq(7, (irq, dev) -> {
            bad.incrementAndGet();
            throw new IllegalStateException("bad handler");
        }, 0, "bad", null);
        genirq.requestIrq(5, (irq, dev) -> good.incrementAndGet() > 0 ? IRQ_HANDLED : IRQ_NONE, 0, "good", null);
        IrqTestDevice badDev = device(7);
        badDev.fire();
        await(() -> logged("Disabling IRQ #7"));
        assertTrue(log.at(LogLevel.EMERG).contains("Oops: java.lang.IllegalStateException: bad handler [#1] SMP"),
                log.lines().toString());
        assertTrue((taints.mask() & Taint.DIE.bit()) != 0);
        IrqTestDevice goodDev = device(5);
        for (int i = 1; i <= 3; i++) {
            goodDev.fire();
            int want = i;
            await(() -> good.get() == want);
        }
        badDev.fire();
        await(() -> controller.isMasked(7));
        assertEquals(1, bad.get());
    }

    @Test
    void freeIrqWaitsForARunningHandler() throws Exception {
        AtomicBoolean entered = new AtomicBoolean();
        AtomicBoolean release = new AtomicBoolean();
        AtomicBoolean returned = new AtomicBoolean();
        Object dev = new Object();
        genirq.requestIrq(5, (irq, d) -> {
            entered.set(true);
            while (!release.get()) {
                Thread.onSpinWait();
            }
            return IRQ_HANDLED;
        }, 0, "slow", dev);
        device(5).fire();
        await(entered::get);
        AtomicReference<String> name = new AtomicReference<>();
        Thread freer = Thread.ofPlatform().start(() -> {
            name.set(genirq.freeIrq(5, dev));
            returned.set(true);
        });
        Thread.sleep(100);
        assertFalse(returned.get(), "free_irq returned while the handler ran");
        release.set(true);
        freer.join();
        assertEquals("slow", name.get());
        assertTrue(controller.isMasked(5), "the last free shuts the line down");
    }

    @Test
    void disableAndEnableNestAndAnEdgeWhileDisabledIsResent() throws ErrnoException {
        AtomicInteger calls = new AtomicInteger();
        genirq.requestIrq(5, (irq, dev) -> calls.incrementAndGet() > 0 ? IRQ_HANDLED : IRQ_NONE, 0, "nest", null);
        genirq.disableIrq(5);
        genirq.disableIrq(5);
        device(5).fire();
        await(() -> controller.isMasked(5));
        genirq.enableIrq(5);
        assertTrue(controller.isMasked(5), "depth 2 needs two enables");
        assertEquals(0, calls.get());
        genirq.enableIrq(5);
        await(() -> calls.get() == 1);
        assertFalse(controller.isMasked(5));
        genirq.enableIrq(5);
        assertTrue(log.at(LogLevel.WARNING).contains("Unbalanced enable for IRQ 5"));
        assertTrue((taints.mask() & Taint.WARN.bit()) != 0);
    }

    @Test
    void aThreadedHandlerRunsInItsIrqThread() throws ErrnoException {
        AtomicInteger threaded = new AtomicInteger();
        AtomicReference<String> ranIn = new AtomicReference<>();
        Object dev = new Object();
        genirq.requestThreadedIrq(9, null, (irq, d) -> {
            ranIn.set(fx.core.current().map(Task::comm).orElse("?"));
            threaded.incrementAndGet();
            return IRQ_HANDLED;
        }, IRQF_ONESHOT, "testdev", dev);
        Task thread = fx.core.tasks().stream().filter(t -> t.comm().equals("irq/9-testdev")).findFirst().orElseThrow();
        assertEquals(SchedPolicy.FIFO, thread.policy());
        assertEquals(50, thread.rtPriority());
        device(9).fire();
        await(() -> threaded.get() == 1);
        assertEquals("irq/9-testdev", ranIn.get());
        genirq.freeIrq(9, dev);
        assertTrue(fx.core.tasks().stream().noneMatch(t -> t.comm().equals("irq/9-testdev")));
    }

    @Test
    void procInterruptsIsLinuxsLayout() throws ErrnoException {
        ProcFixture proc = new ProcFixture();
        new ProcInterrupts(proc.procFs(ProcFixture.KERNEL), genirq, controller, fx.timers, fx.core);
        AtomicInteger calls = new AtomicInteger();
        genirq.requestIrq(5, (irq, dev) -> calls.incrementAndGet() > 0 ? IRQ_HANDLED : IRQ_NONE, 0, "testdev", null);
        genirq.irqSetAffinity(5, cpus(1));
        IrqTestDevice dev = device(5);
        for (int i = 1; i <= 3; i++) {
            dev.fire();
            int want = i;
            await(() -> calls.get() == want);
        }
        String[] lines = cat(proc.proc, "interrupts").split("\n", -1);
        assertEquals("           CPU0       CPU1       ", lines[0]);
        assertEquals("  5:          0          3  IO-APIC   5-edge      testdev", lines[1]);
        assertEquals("NMI:          0          0   Non-maskable interrupts", lines[2]);
        assertTrue(lines[3].matches("LOC: +\\d+ +\\d+   Local timer interrupts"), lines[3]);
        assertEquals("SPU:          0          0   Spurious interrupts", lines[4]);
        assertEquals("PMI:          0          0   Performance monitoring interrupts", lines[5]);
        assertEquals("IWI:          0          0   IRQ work interrupts", lines[6]);
        assertEquals("RTR:          0          0   APIC ICR read retries", lines[7]);
        assertTrue(lines[8].matches("RES: +\\d+ +\\d+   Rescheduling interrupts"), lines[8]);
        assertEquals("CAL:          0          0   Function call interrupts", lines[9]);
        assertEquals("TLB:          0          0   TLB shootdowns", lines[10]);
        assertEquals("TRM:          0          0   Thermal event interrupts", lines[11]);
        assertEquals("ERR:          0", lines[12]);
        assertEquals("MIS:          0", lines[13]);
        assertEquals("", lines[14]);
        assertEquals(15, lines.length);
    }

    @Test
    void procIrqSmpAffinityReadsAndWritesTheLinesCpus() throws ErrnoException {
        ProcFixture proc = new ProcFixture();
        new ProcIrq(proc.procFs(ProcFixture.KERNEL), genirq, controller);
        assertEquals("3\n", cat(proc.proc, "irq/5/smp_affinity"));
        assertEquals("0-1\n", cat(proc.proc, "irq/5/smp_affinity_list"));
        echo(proc.proc, "irq/5/smp_affinity", "2\n");
        assertEquals(cpus(1), controller.affinity(5));
        assertEquals("1\n", cat(proc.proc, "irq/5/smp_affinity_list"));
        echo(proc.proc, "irq/5/smp_affinity_list", "0\n");
        assertEquals("1\n", cat(proc.proc, "irq/5/smp_affinity"));
        echo(proc.proc, "irq/5/smp_affinity", "0\n");
        assertEquals(cpus(0), controller.affinity(5), "an empty set changes nothing");
        assertEquals(Errno.EINVAL,
                assertThrows(ErrnoException.class, () -> echo(proc.proc, "irq/5/smp_affinity", "zz\n")).errno());
    }
}
