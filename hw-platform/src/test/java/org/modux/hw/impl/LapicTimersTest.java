package org.modux.hw.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.modux.hw.ClockEventDevice;
import org.modux.hw.ClockSource;
import org.modux.hw.Cpu;

/**
 * The per-CPU clock event devices. Expiries are checked against the machine clock
 * the device itself uses ("at or after"), never against a wall-clock bound; a
 * "nothing fires" check waits past the time something would have fired.
 */
class LapicTimersTest {

    private static final int LOC = Cpu.LOCAL_TIMER_VECTOR;
    private static final long MS = 1_000_000;

    private final ClockSource clock = ManualClock.host();
    private final List<RecordingCpu> cpus = List.of(new RecordingCpu(0, clock), new RecordingCpu(1, clock));
    private final LapicTimers timers = new LapicTimers(List.<Cpu>copyOf(cpus), clock);

    @AfterEach
    void stop() {
        timers.shutdown();
    }

    /** Sleeps until the machine clock has passed {@code nanos}. */
    private void sleepUntil(long nanos) throws InterruptedException {
        while (clock.readNanos() <= nanos) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    @Test
    void devicesLookLikeLinuxLapicDeadline() {
        ClockEventDevice dev = timers.device(1);
        assertEquals("lapic-deadline", dev.name());
        assertEquals(1, dev.cpu());
        assertEquals(Set.of(ClockEventDevice.Feature.PERIODIC, ClockEventDevice.Feature.ONESHOT), dev.features());
        assertTrue(dev.minDeltaNanos() > 0 && dev.minDeltaNanos() < dev.maxDeltaNanos());
        assertEquals(ClockEventDevice.State.SHUTDOWN, dev.state());
        assertEquals(ClockEventDevice.NO_EVENT, dev.nextEvent());
        assertThrows(IllegalStateException.class, () -> dev.setNextEvent(0));
        assertThrows(IllegalArgumentException.class, () -> dev.setStatePeriodic(1));
        assertThrows(IllegalArgumentException.class, () -> timers.device(2));
    }

    @Test
    void aPeriodicDeviceFiresRepeatedlyOnItsCpuUntilShutDown() throws InterruptedException {
        ClockEventDevice dev = timers.device(1);
        long programmed = clock.readNanos();
        dev.setStatePeriodic(2 * MS);
        assertTrue(cpus.get(1).await(LOC, 5, 30), "five ticks");
        assertTrue(cpus.get(1).firstRaiseNanos(LOC) >= programmed + 2 * MS, "first tick one period after programming");
        assertTrue(dev.events() >= 5);
        assertEquals(0, cpus.get(0).raised(LOC), "CPU 0's device was not programmed");
        dev.setStateShutdown();
        long events = dev.events();
        long stoppedAt = clock.readNanos();
        assertEquals(ClockEventDevice.State.SHUTDOWN, dev.state());
        assertEquals(ClockEventDevice.NO_EVENT, dev.nextEvent());
        sleepUntil(stoppedAt + 20 * MS);
        assertEquals(events, dev.events(), "no tick after shutdown");
    }

    @Test
    void aOneshotFiresOnceAtOrAfterItsExpiry() throws InterruptedException {
        ClockEventDevice dev = timers.device(0);
        dev.setStateOneshot();
        assertEquals(ClockEventDevice.NO_EVENT, dev.nextEvent());
        long expiry = clock.readNanos() + 20 * MS;
        dev.setNextEvent(expiry);
        assertEquals(expiry, dev.nextEvent());
        assertTrue(cpus.get(0).await(LOC, 1, 30));
        assertTrue(cpus.get(0).firstRaiseNanos(LOC) >= expiry, "not before its expiry");
        assertEquals(ClockEventDevice.NO_EVENT, dev.nextEvent());
        assertEquals(ClockEventDevice.State.ONESHOT, dev.state());
        sleepUntil(expiry + 20 * MS);
        assertEquals(1, dev.events(), "fires once");
        assertEquals(1, cpus.get(0).raised(LOC));
    }

    @Test
    void aOneshotCanBeMovedEarlierLaterAndCancelled() throws InterruptedException {
        ClockEventDevice dev = timers.device(0);
        dev.setStateOneshot();
        dev.setNextEvent(clock.readNanos() + TimeUnit.HOURS.toNanos(1));
        long earlier = clock.readNanos() + 5 * MS;
        dev.setNextEvent(earlier);
        assertTrue(cpus.get(0).await(LOC, 1, 30), "moving the deadline earlier wakes the timer thread");

        long later = clock.readNanos() + 30 * MS;
        dev.setNextEvent(clock.readNanos() + 5 * MS);
        dev.setNextEvent(later);
        assertTrue(cpus.get(0).await(LOC, 2, 30));
        assertTrue(clock.readNanos() >= later, "the later deadline replaced the earlier one");

        long cancelled = clock.readNanos() + 10 * MS;
        dev.setNextEvent(cancelled);
        dev.setStateShutdown();
        sleepUntil(cancelled + 20 * MS);
        assertEquals(2, dev.events(), "a cancelled expiry does not fire");
    }

    @Test
    void aDeadlineInThePastFiresAtOnce() throws InterruptedException {
        ClockEventDevice dev = timers.device(1);
        dev.setStateOneshot();
        dev.setNextEvent(0);
        assertTrue(cpus.get(1).await(LOC, 1, 30));
        assertEquals(1, dev.events());
    }

    @Test
    void theTimerThreadSleepsWhenNothingIsArmed() throws InterruptedException {
        Thread lapicTimer = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("lapic-timer") && t.isAlive())
                .findFirst().orElseThrow();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (lapicTimer.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        assertEquals(Thread.State.WAITING, lapicTimer.getState(), "parked without a deadline");
        assertTrue(lapicTimer.isDaemon());
    }
}
