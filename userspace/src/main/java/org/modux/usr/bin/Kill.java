package org.modux.usr.bin;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Process;
import org.modux.kernel.sched.Signals;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code kill} (procps-ng, kill(1)): sends a signal to each pid through kill(2)
 * ({@link Signals}), lists signal names with {@code -l} and {@code -L}
 * ({@link org.modux.usr.procps.Kill}). Every task is a kernel thread, which takes
 * the signal and ignores it, as on Linux.
 */
@Component(service = Kill.class, property = {"osgi.command.scope=" + Tool.SCOPE, "osgi.command.function=kill"})
public final class Kill {

    private final Signals signals;

    @Activate
    public Kill(@Reference Signals signals) {
        this.signals = signals;
    }

    @Descriptor("send a signal to a process")
    public void kill(String... args) {
        org.modux.usr.procps.Kill.Result r = org.modux.usr.procps.Kill.run(signals::kill, args);
        Process p = Process.Utils.current();
        p.out().print(r.out());
        p.out().flush();
        p.err().print(r.err());
        p.err().flush();
        if (r.status() != 0) {
            p.error(r.status());
        }
    }
}
