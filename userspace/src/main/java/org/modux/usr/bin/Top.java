package org.modux.usr.bin;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.modux.usr.nio.VfsFileSystem;
import org.modux.usr.procps.ProcReader;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code top} (procps-ng, top(1)) in batch mode only: {@code top -b [-n N] [-d SECS]}
 * prints N frames (until Ctrl-C without -n), SECS apart (3 by default), read from
 * /proc as procps reads it ({@link org.modux.usr.procps.Top}). Interactive top is
 * not there: without -b, or with an option it does not have, top says so and
 * prints its usage. The screen is the terminal's width, else 80 columns.
 */
@Component(service = Top.class, property = {"osgi.command.scope=" + Tool.SCOPE, "osgi.command.function=top"})
public final class Top {

    private static final List<Getopt.Option> OPTIONS = List.of(Getopt.opt('b', "batch-mode"),
            Getopt.arg('d', "delay"), Getopt.arg('n', "iterations"), Getopt.opt('h', "help"));

    private final VfsFileSystem fs;

    @Activate
    public Top(@Reference VfsFileSystem fs) {
        this.fs = fs;
    }

    @Descriptor("display Linux processes")
    public void top(CommandSession session, String... args) {
        Getopt g = Getopt.parse("top", OPTIONS, args);
        if (g == null) {
            usageError();
            return;
        }
        boolean batch = false;
        int iterations = -1;
        Duration delay = Duration.ofSeconds(3);
        for (Getopt.Found f : g.found) {
            // top skips a '=' before an option's argument (-n=1), as for --iterations=1.
            String arg = f.arg() != null && f.arg().startsWith("=") ? f.arg().substring(1) : f.arg();
            if (f.is('h')) {
                Tool.out().print(org.modux.usr.procps.Top.USAGE);
                Tool.out().flush();
                return;
            } else if (f.is('b')) {
                batch = true;
            } else if (f.is('n')) {
                OptionalInt n = org.modux.usr.procps.Top.iterations(arg);
                if (n.isEmpty()) {
                    Tool.fail(1, "top: bad iterations argument '%s'", arg);
                    return;
                }
                iterations = n.getAsInt();
            } else if (f.is('d')) {
                OptionalDouble d = org.modux.usr.procps.Top.delay(arg);
                if (d.isEmpty()) {
                    Tool.fail(1, "top: bad delay interval '%s'", arg);
                    return;
                }
                if (d.getAsDouble() < 0) {
                    Tool.fail(1, "top: -d requires positive argument");
                    return;
                }
                delay = Duration.ofNanos((long) (d.getAsDouble() * 1e9));
            }
        }
        if (!g.operands.isEmpty()) {
            Tool.fail(1, "top: unknown option '%s'", g.operands.get(0));
            return;
        }
        if (!batch) {
            Tool.fail(1, "top: interactive mode is not available, run top -b (batch mode)");
            usageError();
            return;
        }
        try {
            org.modux.usr.procps.Top top = new org.modux.usr.procps.Top(new ProcReader(fs.path("/")),
                    Tool.columns(session, 80), Clock.systemDefaultZone());
            for (int i = 0; iterations < 0 || i < iterations; i++) {
                if (i > 0) {
                    Thread.sleep(delay);
                    Tool.out().print("\n");
                }
                Tool.out().print(top.frame(() -> Thread.sleep(org.modux.usr.procps.Top.FIRST_FRAME_PAUSE)));
                Tool.out().flush();
            }
        } catch (InterruptedException e) {
            // Ctrl-C: top ends, as on SIGINT.
            Tool.out().flush();
        } catch (IOException e) {
            Tool.fail(1, "top: /proc: %s", e.getMessage());
        }
    }

    /** After the error: the usage, on standard error. */
    private static void usageError() {
        org.apache.felix.service.command.Process p = org.apache.felix.service.command.Process.Utils.current();
        p.err().print(org.modux.usr.procps.Top.USAGE);
        p.err().flush();
    }
}
