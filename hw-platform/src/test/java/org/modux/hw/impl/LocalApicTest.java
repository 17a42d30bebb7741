package org.modux.hw.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.modux.hw.Cpu;

/** A CPU's interrupt request register and hlt. */
class LocalApicTest {

    @Test
    void theHighestPendingVectorIsAcceptedFirstAndEachOnce() {
        LocalApic cpu = new LocalApic(0, false);
        assertFalse(cpu.interruptPending());
        cpu.raise(Cpu.IRQ0_VECTOR + 4);
        cpu.raise(Cpu.LOCAL_TIMER_VECTOR);
        cpu.raise(Cpu.IRQ0_VECTOR + 4);
        assertTrue(cpu.interruptPending());
        assertEquals(Cpu.LOCAL_TIMER_VECTOR, cpu.acknowledge());
        assertEquals(Cpu.IRQ0_VECTOR + 4, cpu.acknowledge());
        assertEquals(-1, cpu.acknowledge());
        assertFalse(cpu.interruptPending());
    }

    @Test
    void haltReturnsAtOnceWithAnInterruptPending() {
        LocalApic cpu = new LocalApic(1, false);
        cpu.raise(Cpu.RESCHEDULE_VECTOR);
        cpu.halt();
        assertEquals(Cpu.RESCHEDULE_VECTOR, cpu.acknowledge());
    }

    @Test
    void anInterruptWakesAHaltedCpu() throws InterruptedException {
        for (boolean poll : new boolean[] {false, true}) {
            LocalApic cpu = new LocalApic(0, poll);
            CountDownLatch halting = new CountDownLatch(1);
            CountDownLatch woke = new CountDownLatch(1);
            Thread t = Thread.ofPlatform().start(() -> {
                halting.countDown();
                cpu.halt();
                woke.countDown();
            });
            halting.await();
            assertFalse(woke.await(20, TimeUnit.MILLISECONDS), "hlt returned with nothing pending");
            cpu.raise(Cpu.IRQ0_VECTOR);
            assertTrue(woke.await(5, TimeUnit.SECONDS));
            t.join();
            assertEquals(Cpu.IRQ0_VECTOR, cpu.acknowledge());
        }
    }
}
