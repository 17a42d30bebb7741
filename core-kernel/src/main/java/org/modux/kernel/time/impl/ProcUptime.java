package org.modux.kernel.time.impl;

import org.modux.fs.proc.ProcFs;
import org.modux.kernel.sched.impl.SchedCore;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * /proc/uptime (proc(5); Linux: fs/proc/uptime.c): seconds since boot and the sum of
 * the CPUs' idle time, both with two decimals; the idle time is what the scheduler
 * counted while each CPU ran its idle task.
 */
@Component
public final class ProcUptime {

    private final ProcFs proc;

    @Activate
    public ProcUptime(@Reference ProcFs proc, @Reference Timekeeping time, @Reference SchedCore sched)
            throws ErrnoException {
        this.proc = proc;
        proc.createSingle("uptime", m -> {
            long up = time.ktimeGetNs();
            long idle = 0;
            for (int cpu = 0; cpu < sched.nrCpus(); cpu++) {
                idle += sched.idleNs(cpu);
            }
            m.printf("%d.%02d %d.%02d\n", up / 1_000_000_000L, up / 10_000_000L % 100,
                    idle / 1_000_000_000L, idle / 10_000_000L % 100);
        });
    }

    @Deactivate
    void deactivate() throws ErrnoException {
        proc.remove("uptime");
    }
}
