package org.modux.hw.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.modux.hw.Cpu;
import org.modux.hw.irq.InterruptController;
import org.modux.hw.irq.IrqLine;
import org.modux.hw.irq.Trigger;

/** Edge and level lines, masking, EOI, affinity, MSI lines and IPIs. */
class PcInterruptControllerTest {

    private final List<RecordingCpu> cpus = IntStream.range(0, 4).mapToObj(RecordingCpu::new).toList();
    private final PcInterruptController pic = new PcInterruptController(List.<Cpu>copyOf(cpus));

    /** Deliveries of line {@code irq} over all CPUs, as the CPUs saw them. */
    private long received(int irq) {
        return cpus.stream().mapToLong(c -> c.raised(Cpu.IRQ0_VECTOR + irq)).sum();
    }

    /** Deliveries of line {@code irq} over all CPUs, as the controller counted them. */
    private long counted(int irq) {
        return IntStream.range(0, 4).mapToLong(cpu -> pic.count(irq, cpu)).sum();
    }

    @Test
    void powerOnStateIsAResetIoApic() {
        for (int irq = 0; irq < InterruptController.NR_IOAPIC_PINS; irq++) {
            assertTrue(pic.isMasked(irq));
            assertEquals(irq < 16 ? Trigger.EDGE : Trigger.LEVEL, pic.trigger(irq));
            assertEquals(Cpu.IRQ0_VECTOR + irq, pic.vector(irq));
            assertEquals(4, pic.affinity(irq).cardinality());
        }
        assertEquals(24, pic.nrIrqs());
        assertFalse(pic.exists(24));
        assertThrows(IllegalArgumentException.class, () -> pic.line(24));
    }

    @Test
    void namesAreWhatProcInterruptsPrints() {
        assertEquals("IO-APIC", pic.chipName(0));
        assertEquals("2-edge", pic.hwirq(0) + "-" + pic.trigger(0).flowName());
        assertEquals(0, pic.hwirq(2));
        assertEquals(4, pic.hwirq(4));
        pic.setTrigger(9, Trigger.LEVEL);
        assertEquals("9-fasteoi", pic.hwirq(9) + "-" + pic.trigger(9).flowName());
    }

    @Test
    void anEdgeLineDeliversOncePerRisingEdge() {
        pic.unmask(4);
        IrqLine uart = pic.line(4);
        uart.raise();
        uart.raise();
        assertEquals(1, received(4));
        assertTrue(pic.isAsserted(4));
        pic.eoi(4);
        assertEquals(1, received(4), "EOI re-delivers nothing on an edge line");
        uart.lower();
        uart.raise();
        assertEquals(2, received(4));
        uart.lower();
        uart.pulse();
        uart.pulse();
        assertEquals(4, received(4));
        assertFalse(pic.remoteIrr(4));
        assertEquals(4, counted(4));
    }

    @Test
    void anEdgeWhileMaskedIsLatchedAndDeliveredOnceOnUnmask() {
        IrqLine device = pic.line(5);
        device.pulse();
        device.pulse();
        assertEquals(0, received(5));
        pic.unmask(5);
        assertEquals(1, received(5));
        pic.mask(5);
        pic.unmask(5);
        assertEquals(1, received(5), "the latch was consumed");
        pic.mask(5);
        device.pulse();
        pic.setTrigger(5, Trigger.EDGE);
        pic.unmask(5);
        assertEquals(1, received(5), "rewriting the trigger mode clears the latch");
    }

    @Test
    void aLevelLineWaitsForEoiAndIsDeliveredAgainWhileAsserted() {
        pic.unmask(16);
        IrqLine nic = pic.line(16);
        nic.raise();
        assertEquals(1, received(16));
        assertTrue(pic.remoteIrr(16));
        nic.raise();
        assertEquals(1, received(16), "no second delivery before EOI");
        pic.eoi(16);
        assertEquals(2, received(16), "still asserted at EOI: delivered again");
        assertTrue(pic.remoteIrr(16));
        nic.lower();
        pic.eoi(16);
        assertEquals(2, received(16));
        assertFalse(pic.remoteIrr(16));
        nic.pulse();
        pic.eoi(16);
        assertEquals(3, received(16), "a pulse is one delivery on a level line");
    }

    @Test
    void aMaskedLevelLineIsDeliveredOnUnmaskOnlyIfStillAsserted() {
        IrqLine disk = pic.line(17);
        disk.raise();
        assertEquals(0, received(17));
        pic.unmask(17);
        assertEquals(1, received(17));
        pic.mask(17);
        pic.eoi(17);
        assertEquals(1, received(17), "masked: EOI clears remote IRR but delivers nothing");
        disk.lower();
        pic.unmask(17);
        assertEquals(1, received(17), "lowered while masked: nothing to deliver");
        assertFalse(pic.remoteIrr(17));
    }

    @Test
    void aSharedLevelLineStaysAssertedUntilEveryDeviceLowersIt() {
        pic.unmask(18);
        IrqLine a = pic.line(18);
        IrqLine b = pic.line(18);
        a.raise();
        b.raise();
        assertEquals(1, received(18));
        a.lower();
        pic.eoi(18);
        assertEquals(2, received(18), "b still holds the line");
        b.lower();
        pic.eoi(18);
        assertEquals(2, received(18));
        assertFalse(pic.isAsserted(18));
    }

    @Test
    void goingToEdgeClearsRemoteIrrAndGoingToLevelDeliversAnAssertedLine() {
        pic.unmask(19);
        IrqLine device = pic.line(19);
        device.raise();
        assertTrue(pic.remoteIrr(19));
        pic.setTrigger(19, Trigger.EDGE);
        assertFalse(pic.remoteIrr(19));
        pic.setTrigger(19, Trigger.LEVEL);
        assertEquals(2, received(19));
        assertTrue(pic.remoteIrr(19));
    }

    @Test
    void affinityIsRespectedOverManyDeliveries() {
        BitSet oneAndThree = new BitSet();
        oneAndThree.set(1);
        oneAndThree.set(3);
        oneAndThree.set(7);
        pic.setAffinity(10, oneAndThree);
        BitSet expected = new BitSet();
        expected.set(1);
        expected.set(3);
        assertEquals(expected, pic.affinity(10), "CPUs the machine lacks are dropped");
        pic.unmask(10);
        IrqLine device = pic.line(10);
        for (int i = 0; i < 1000; i++) {
            device.pulse();
        }
        int vector = Cpu.IRQ0_VECTOR + 10;
        assertEquals(0, cpus.get(0).raised(vector));
        assertEquals(0, cpus.get(2).raised(vector));
        assertEquals(500, cpus.get(1).raised(vector), "round robin over the set");
        assertEquals(500, cpus.get(3).raised(vector));
        for (int cpu = 0; cpu < 4; cpu++) {
            assertEquals(cpus.get(cpu).raised(vector), pic.count(10, cpu));
        }
        pic.setAffinity(10, BitSet.valueOf(new long[] {1L << 2}));
        for (int i = 0; i < 100; i++) {
            device.pulse();
        }
        assertEquals(100, pic.count(10, 2), "a one-CPU set is fixed delivery");
        assertThrows(IllegalArgumentException.class, () -> pic.setAffinity(10, BitSet.valueOf(new long[] {1L << 9})));
    }

    @Test
    void retriggerDeliversOnceMoreWhateverTheLineState() {
        pic.retrigger(3);
        assertEquals(1, received(3));
        assertEquals(1, counted(3));
    }

    @Test
    void msiLinesAreAllocatedAboveTheIoApicAndFreed() {
        int first = pic.allocateMsi("PCI-MSIX-0000:00:01.0", 3);
        assertEquals(24, first);
        assertEquals(27, pic.nrIrqs());
        assertEquals("PCI-MSIX-0000:00:01.0", pic.chipName(25));
        assertEquals(1, pic.hwirq(25));
        assertEquals(Trigger.EDGE, pic.trigger(25));
        assertThrows(IllegalArgumentException.class, () -> pic.setTrigger(25, Trigger.LEVEL));
        IrqLine queue = pic.line(25);
        pic.unmask(25);
        queue.pulse();
        assertEquals(1, received(25));
        int second = pic.allocateMsi("PCI-MSI-0000:00:02.0", 1);
        assertEquals(27, second);
        pic.freeMsi(first, 3);
        assertFalse(pic.exists(25));
        assertEquals(28, pic.nrIrqs());
        queue.pulse();
        assertEquals(1, received(25), "a freed line's connections are dead");
        assertEquals(24, pic.allocateMsi("PCI-MSI-0000:00:03.0", 2), "freed lines are reused");
        assertEquals(0, pic.count(25, 0));
        assertThrows(IllegalArgumentException.class, () -> pic.freeMsi(16, 1));
        assertEquals(-1, pic.allocateMsi("big", InterruptController.NR_IRQS));
    }

    @Test
    void ipisReachTheTargetCpuAsTheirVectorAndAreCounted() {
        pic.sendIpi(2, Cpu.RESCHEDULE_VECTOR);
        assertEquals(1, cpus.get(2).raised(Cpu.RESCHEDULE_VECTOR));
        assertEquals(1, cpus.stream().mapToLong(RecordingCpu::raisedTotal).sum());
        assertEquals(1, pic.ipiCount(2, Cpu.RESCHEDULE_VECTOR));
        assertEquals(0, pic.ipiCount(1, Cpu.RESCHEDULE_VECTOR));

        pic.sendIpiAllButSelf(0, Cpu.CALL_FUNCTION_VECTOR);
        pic.sendIpiAll(Cpu.TLB_VECTOR);
        for (int cpu = 0; cpu < 4; cpu++) {
            assertEquals(cpu == 0 ? 0 : 1, cpus.get(cpu).raised(Cpu.CALL_FUNCTION_VECTOR));
            assertEquals(cpu == 0 ? 0 : 1, pic.ipiCount(cpu, Cpu.CALL_FUNCTION_VECTOR));
            assertEquals(1, pic.ipiCount(cpu, Cpu.TLB_VECTOR));
            assertEquals(1, cpus.get(cpu).raised(Cpu.TLB_VECTOR));
        }
        assertThrows(IllegalArgumentException.class, () -> pic.sendIpi(0, Cpu.IRQ0_VECTOR));
        assertThrows(IllegalArgumentException.class, () -> pic.sendIpi(4, Cpu.RESCHEDULE_VECTOR));
    }

    @Test
    void anIpiWakesAHaltedCpu() throws InterruptedException {
        LocalApic cpu0 = new LocalApic(0, false);
        LocalApic cpu1 = new LocalApic(1, false);
        PcInterruptController controller = new PcInterruptController(List.of(cpu0, cpu1));
        CountDownLatch woke = new CountDownLatch(1);
        Thread idle = Thread.ofPlatform().start(() -> {
            cpu1.halt();
            woke.countDown();
        });
        controller.sendIpi(1, Cpu.RESCHEDULE_VECTOR);
        assertTrue(woke.await(10, TimeUnit.SECONDS));
        idle.join();
        assertEquals(Cpu.RESCHEDULE_VECTOR, cpu1.acknowledge());
        assertEquals(-1, cpu0.acknowledge());
    }
}
