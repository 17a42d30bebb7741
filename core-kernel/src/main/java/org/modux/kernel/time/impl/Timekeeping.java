package org.modux.kernel.time.impl;

import org.modux.hw.ClockSource;
import org.modux.hw.Machine;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Kernel time (Linux: kernel/time/timekeeping.c {@code ktime_get}, and
 * kernel/sched/clock.c for printk's {@code local_clock}): the machine's clock source,
 * counted from the moment {@link #timekeepingInit()} starts it at the end of early
 * setup. Until then it reads 0, so the first lines of the boot log are stamped
 * {@code [    0.000000]}, as Linux's are before its scheduler clock runs. printk
 * timestamps, /proc/uptime and {@link org.modux.kernel.Kernel#ktimeGetNs()} read it.
 *
 * <p>The base is a volatile written once.
 */
@Component(service = Timekeeping.class)
public final class Timekeeping {

    private static final long NOT_STARTED = Long.MIN_VALUE;

    private final ClockSource clock;
    private volatile long bootNanos = NOT_STARTED;

    @Activate
    public Timekeeping(@Reference Machine machine) {
        this.clock = machine.clock();
    }

    /** {@code timekeeping_init}: starts kernel time at 0; later calls do nothing. */
    public synchronized void timekeepingInit() {
        if (bootNanos == NOT_STARTED) {
            bootNanos = clock.readNanos();
        }
    }

    /** Nanoseconds since kernel time started, 0 before; never goes backwards. */
    public long ktimeGetNs() {
        long base = bootNanos;
        return base == NOT_STARTED ? 0 : clock.readNanos() - base;
    }
}
