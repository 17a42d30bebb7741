package org.modux.usr.bin;

import java.io.IOException;
import java.time.ZoneId;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Process;
import org.modux.usr.nio.VfsFileSystem;
import org.modux.usr.procps.ProcReader;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code ps} (procps-ng, ps(1)): a snapshot of the processes, read from /proc as
 * procps reads it and printed in its columns ({@link org.modux.usr.procps.Ps}).
 * The console is no task, so there is no /proc/self: ps takes it for a root
 * process without a terminal, where procps would stop with "mount -t proc".
 */
@Component(service = Ps.class, property = {"osgi.command.scope=" + Tool.SCOPE, "osgi.command.function=ps"})
public final class Ps {

    private final VfsFileSystem fs;

    @Activate
    public Ps(@Reference VfsFileSystem fs) {
        this.fs = fs;
    }

    @Descriptor("report a snapshot of the current processes")
    public void ps(CommandSession session, String... args) {
        ProcReader proc = new ProcReader(fs.path("/"));
        try {
            long now = System.currentTimeMillis() / 1000;
            org.modux.usr.procps.Ps.Env env = new org.modux.usr.procps.Ps.Env(now, proc.bootTime(now), proc.uptime(),
                    proc.pidLength(), 0, proc.selfTty(), Tool.columns(session, Integer.MAX_VALUE),
                    ZoneId.systemDefault());
            org.modux.usr.procps.Ps ps = org.modux.usr.procps.Ps.parse(env, args);
            Tool.out().print(ps.render(proc.processes()));
            Tool.out().flush();
        } catch (org.modux.usr.procps.Ps.UsageException e) {
            Process.Utils.current().err().print("error: " + e.getMessage() + "\n" + org.modux.usr.procps.Ps.USAGE);
            Process.Utils.current().err().flush();
            Process.Utils.current().error(1);
        } catch (IOException e) {
            Tool.fail(1, "Error, do this: mount -t proc proc /proc");
        }
    }
}
