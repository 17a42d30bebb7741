package org.modux.kernel.time.impl;

import org.modux.hw.ClockSource;
import org.modux.hw.Machine;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Kernel time (Linux: kernel/time/timekeeping.c, {@code ktime_get}): the machine's
 * clock source, counted from the moment the kernel started, so the first message of
 * the boot log is stamped 0. printk timestamps, /proc/uptime and
 * {@link org.modux.kernel.Kernel#ktimeGetNs()} all read it.
 */
@Component(service = Timekeeping.class)
public final class Timekeeping {

    private final ClockSource clock;
    private final long bootNanos;

    @Activate
    public Timekeeping(@Reference Machine machine) {
        this.clock = machine.clock();
        this.bootNanos = clock.readNanos();
    }

    /** Nanoseconds since the kernel started; never goes backwards. */
    public long ktimeGetNs() {
        return clock.readNanos() - bootNanos;
    }
}
