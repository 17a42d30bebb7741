package org.modux.usr.bin;

import java.io.IOException;
import java.time.ZoneId;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.modux.usr.nio.VfsFileSystem;
import org.modux.usr.procps.ProcReader;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code uptime} (procps-ng, uptime(1)) from /proc/uptime and /proc/loadavg
 * ({@link org.modux.usr.procps.Uptime}): the default line, {@code -p} pretty,
 * {@code -s} since when. No utmp, so 0 users; without /proc/loadavg the load
 * averages print as 0.00.
 */
@Component(service = Uptime.class, property = {"osgi.command.scope=" + Tool.SCOPE,
    "osgi.command.function=uptime"})
public final class Uptime {

    private static final List<Getopt.Option> OPTIONS = List.of(Getopt.opt('p', "pretty"), Getopt.opt('s', "since"));

    private final VfsFileSystem fs;

    @Activate
    public Uptime(@Reference VfsFileSystem fs) {
        this.fs = fs;
    }

    @Descriptor("tell how long the system has been running")
    public void uptime(String... args) {
        Getopt g = Getopt.parse("uptime", OPTIONS, args);
        if (g == null) {
            return;
        }
        if (!g.operands.isEmpty()) {
            Tool.fail(1, "\nUsage:\n uptime [options]");
            return;
        }
        ProcReader proc = new ProcReader(fs.path("/"));
        double up;
        try {
            up = proc.uptime();
        } catch (IOException e) {
            Tool.fail(1, "uptime: Cannot get system uptime");
            return;
        }
        long now = System.currentTimeMillis() / 1000;
        String line;
        if (g.found.stream().anyMatch(f -> f.is('s'))) {
            line = org.modux.usr.procps.Uptime.since(now, ZoneId.systemDefault(), up);
        } else if (g.found.stream().anyMatch(f -> f.is('p'))) {
            line = org.modux.usr.procps.Uptime.pretty(up);
        } else {
            line = org.modux.usr.procps.Uptime.line(now, ZoneId.systemDefault(), up, proc);
        }
        Tool.out().print(line + "\n");
        Tool.out().flush();
    }
}
