package org.modux.hw.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;
import org.modux.hw.Cpu;
import org.modux.hw.irq.IrqTestDevice;

/** The test device: on demand, at a rate, up to a million interrupts a second. */
class IrqTestDeviceTest {

    private final List<RecordingCpu> cpus = List.of(new RecordingCpu(0), new RecordingCpu(1));
    private final PcInterruptController pic = new PcInterruptController(List.<Cpu>copyOf(cpus));

    private long delivered(int irq) {
        return pic.count(irq, 0) + pic.count(irq, 1);
    }

    /** Waits until {@code value} reaches {@code n}; false after {@code seconds}. */
    private static boolean awaitAtLeast(LongSupplier value, long n, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (value.getAsLong() < n) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(2);
        }
        return true;
    }

    @Test
    void fireRaisesOneEdgeAndRecordsTheClock() {
        ManualClock clock = new ManualClock();
        IrqTestDeviceFactory factory = new IrqTestDeviceFactory(pic, clock);
        pic.unmask(5);
        try (IrqTestDevice dev = factory.attach(5)) {
            assertEquals(5, dev.irq());
            assertEquals(-1, dev.lastRaiseNanos());
            clock.set(1234);
            dev.fire();
            clock.set(5678);
            dev.fire();
            assertEquals(2, dev.raised());
            assertEquals(5678, dev.lastRaiseNanos());
            assertEquals(2, delivered(5));
            assertEquals(0, dev.rate());
        }
        assertThrows(IllegalArgumentException.class, () -> factory.attach(99));
    }

    @Test
    void aRateRaisesInterruptsUntilTheDeviceStops() throws InterruptedException {
        IrqTestDeviceFactory factory = new IrqTestDeviceFactory(pic, ManualClock.host());
        pic.unmask(7);
        IrqTestDevice dev = factory.attach(7);
        dev.setRate(1000);
        assertEquals(1000, dev.rate());
        assertTrue(awaitAtLeast(dev::raised, 20, 30));
        dev.setRate(0);
        dev.close();
        long raised = dev.raised();
        assertEquals(raised, delivered(7), "every pulse on an unmasked edge line is delivered");
        TimeUnit.MILLISECONDS.sleep(20);
        assertEquals(raised, dev.raised(), "nothing after close");
        assertThrows(IllegalStateException.class, () -> dev.setRate(10));
        assertThrows(IllegalArgumentException.class, () -> factory.attach(8).setRate(-1));
    }

    @Test
    void aMillionPerSecondIsPacedByBusyWaiting() throws InterruptedException {
        IrqTestDeviceFactory factory = new IrqTestDeviceFactory(pic, ManualClock.host());
        pic.unmask(16);
        pic.setTrigger(16, org.modux.hw.irq.Trigger.EDGE);
        IrqTestDevice dev = factory.attach(16);
        dev.setRate(1_000_000);
        assertTrue(awaitAtLeast(dev::raised, 100_000, 60));
        factory.detachAll();
        assertEquals(dev.raised(), delivered(16));
        assertTrue(dev.lastRaiseNanos() > 0);
    }
}
