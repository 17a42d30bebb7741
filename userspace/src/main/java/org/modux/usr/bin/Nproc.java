package org.modux.usr.bin;

import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.modux.usr.nio.VfsFileSystem;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code nproc} (coreutils, nproc(1)): the number of processing units, counted as
 * glibc counts them from /sys/devices/system/cpu and /proc/stat
 * ({@link org.modux.usr.procps.Nproc}); {@code --all} for all of them,
 * {@code --ignore=N} to leave N out (never below 1).
 */
@Component(service = Nproc.class, property = {"osgi.command.scope=" + Tool.SCOPE, "osgi.command.function=nproc"})
public final class Nproc {

    private static final List<Getopt.Option> OPTIONS = List.of(Getopt.opt((char) 0, "all"),
            Getopt.arg((char) 0, "ignore"));

    private final VfsFileSystem fs;

    @Activate
    public Nproc(@Reference VfsFileSystem fs) {
        this.fs = fs;
    }

    @Descriptor("print the number of processing units available")
    public void nproc(String... args) {
        Getopt g = Getopt.parse("nproc", OPTIONS, args);
        if (g == null) {
            return;
        }
        if (!g.operands.isEmpty()) {
            Tool.fail(1, "nproc: extra operand '%s'\nTry 'nproc --help' for more information.", g.operands.get(0));
            return;
        }
        long ignore = 0;
        boolean all = false;
        for (Getopt.Found f : g.found) {
            if (f.is("all")) {
                all = true;
            } else if (f.is("ignore")) {
                if (!f.arg().matches("[0-9]+")) {
                    Tool.fail(1, "nproc: invalid number: '%s'", f.arg());
                    return;
                }
                ignore = Long.parseLong(f.arg());
            }
        }
        org.modux.usr.procps.Nproc n = new org.modux.usr.procps.Nproc(fs.path("/"));
        long cpus = all ? n.all() : n.online();
        Tool.out().print(Math.max(1, cpus - ignore) + "\n");
        Tool.out().flush();
    }
}
