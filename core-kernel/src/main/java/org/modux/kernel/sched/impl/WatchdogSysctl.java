package org.modux.kernel.sched.impl;

import org.modux.kernel.sysctl.CtlTable;
import org.modux.kernel.sysctl.ProcHandler;
import org.modux.kernel.sysctl.Sysctl;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * /proc/sys/kernel/watchdog_thresh (Linux: kernel/watchdog.c,
 * {@code proc_watchdog_thresh}): seconds, 0 to 60; the soft lockup watchdog reports
 * a CPU stuck for twice it, and 0 turns it off.
 */
@Component(service = {})
public final class WatchdogSysctl {

    private final Sysctl.Registration registration;

    @Activate
    public WatchdogSysctl(@Reference Sysctl sysctl, @Reference SchedCore sched) throws ErrnoException {
        registration = sysctl.register("kernel", new CtlTable("watchdog_thresh", 0644, new ProcHandler() {
            @Override
            public String read() {
                return Integer.toString(sched.watchdogThresh());
            }

            @Override
            public void write(String text) throws ErrnoException {
                int v;
                try {
                    v = Integer.parseInt(text.strip());
                } catch (NumberFormatException e) {
                    throw new ErrnoException(Errno.EINVAL);
                }
                if (v < 0 || v > 60) {
                    throw new ErrnoException(Errno.EINVAL);
                }
                sched.setWatchdogThresh(v);
            }
        }));
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }
}
