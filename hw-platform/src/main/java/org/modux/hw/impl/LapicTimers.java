package org.modux.hw.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import org.modux.hw.ClockEventDevice;
import org.modux.hw.ClockEvents;
import org.modux.hw.ClockSource;
import org.modux.hw.Cpu;
import org.modux.hw.Machine;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The machine's local APIC timers ({@link LapicTimer}, one per CPU) and the one
 * host thread, "lapic-timer", that drives them all: it raises every deadline that
 * has passed, then parks until the earliest one left, or for good when none is
 * armed, so an idle machine costs no host CPU.
 *
 * <p>Sleep protocol: before parking, the thread publishes the deadline it sleeps
 * until ({@code sleepingUntil}) and looks at every timer once more; a programmer
 * writes its deadline, then unparks the thread only if the new deadline is earlier
 * than that. Both sides write one volatile and then read the other's, so one of them
 * sees the other: no deadline is missed, and reprogramming a later deadline (what
 * a tickless kernel does on most idle entries) costs no host wake-up.
 */
@Component(service = ClockEvents.class)
public final class LapicTimers implements ClockEvents {

    /** {@code sleepingUntil} while the thread is awake and will look at every timer again. */
    private static final long AWAKE = Long.MIN_VALUE;

    private final ClockSource clock;
    private final List<LapicTimer> timers;
    private final Thread thread;
    private volatile long sleepingUntil = AWAKE;
    private volatile boolean stopping;

    @Activate
    public LapicTimers(@Reference Machine machine) {
        this(IntStream.range(0, machine.cpus()).mapToObj(machine::cpu).toList(), machine.clock());
    }

    LapicTimers(List<Cpu> cpus, ClockSource clock) {
        this.clock = clock;
        List<LapicTimer> list = new ArrayList<>();
        for (Cpu cpu : cpus) {
            list.add(new LapicTimer(cpu.id(), cpu, clock, this));
        }
        this.timers = List.copyOf(list);
        this.thread = Thread.ofPlatform().name("lapic-timer").daemon().unstarted(this::run);
        thread.start();
    }

    @Override
    public ClockEventDevice device(int cpu) {
        if (cpu < 0 || cpu >= timers.size()) {
            throw new IllegalArgumentException("no CPU " + cpu);
        }
        return timers.get(cpu);
    }

    /** Stops the thread; the timers stay programmed but nothing fires any more. */
    @Deactivate
    public void shutdown() {
        stopping = true;
        LockSupport.unpark(thread);
        Threads.joinUninterruptibly(thread);
    }

    /** A timer's deadline is now {@code deadline}: wakes the thread if it sleeps past it. */
    void programmed(long deadline) {
        if (deadline < sleepingUntil) {
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        while (!stopping) {
            long now = clock.readNanos();
            long earliest = ClockEventDevice.NO_EVENT;
            for (LapicTimer timer : timers) {
                earliest = Math.min(earliest, timer.expireIfDue(now));
            }
            sleepingUntil = earliest;
            if (earliestArmed() < earliest || stopping) {
                sleepingUntil = AWAKE;
                continue;
            }
            if (earliest == ClockEventDevice.NO_EVENT) {
                LockSupport.park(this);
            } else {
                long wait = earliest - clock.readNanos();
                if (wait > 0) {
                    LockSupport.parkNanos(this, wait);
                }
            }
            sleepingUntil = AWAKE;
        }
    }

    private long earliestArmed() {
        long earliest = ClockEventDevice.NO_EVENT;
        for (LapicTimer timer : timers) {
            earliest = Math.min(earliest, timer.nextEvent());
        }
        return earliest;
    }
}
