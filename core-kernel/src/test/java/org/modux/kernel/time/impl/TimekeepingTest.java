package org.modux.kernel.time.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.modux.kernel.printk.impl.FakeMachine;

/** Kernel time: 0 until timekeeping_init, then the machine's clock counted from that moment. */
class TimekeepingTest {

    private final FakeMachine machine = new FakeMachine("");
    private final Timekeeping time = new Timekeeping(machine);

    @Test
    void kernelTimeIsZeroUntilTimekeepingStarts() {
        assertEquals(0, time.ktimeGetNs());
        machine.setSinceBoot(3_000_000_000L);
        assertEquals(0, time.ktimeGetNs());
    }

    @Test
    void kernelTimeCountsFromTheMomentItStarted() {
        machine.setSinceBoot(2_000_000_000L);
        time.timekeepingInit();
        assertEquals(0, time.ktimeGetNs());

        machine.setSinceBoot(3_500_000_123L);
        assertEquals(1_500_000_123L, time.ktimeGetNs());
    }

    @Test
    void aSecondTimekeepingInitChangesNothing() {
        time.timekeepingInit();
        machine.setSinceBoot(1_000);
        time.timekeepingInit();
        assertEquals(1_000, time.ktimeGetNs());
    }

    @Test
    void kernelTimeFollowsTheClockWithoutGoingBack() {
        time.timekeepingInit();
        long last = time.ktimeGetNs();
        for (long t = 0; t <= 10_000; t += 1_000) {
            machine.setSinceBoot(t);
            long now = time.ktimeGetNs();
            assertEquals(t, now);
            assertTrue(now >= last);
            last = now;
        }
    }
}
