package org.modux.usr.bin;

import java.io.IOException;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.modux.usr.nio.VfsFileSystem;
import org.modux.usr.procps.Proc;
import org.modux.usr.procps.ProcReader;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code pstree} (psmisc, pstree(1)): the process tree from /proc in ASCII
 * ({@link org.modux.usr.procps.Pstree}). Options: {@code -p} pids, {@code -n} sort
 * by pid, {@code -c} no compaction, {@code -l} no truncation, {@code -A} (ASCII,
 * the only style), {@code -k} the kernel threads' tree after init's, and a PID to
 * start from. Without a PID it starts from init (pid 1); Modux has no init yet, so
 * while pid 1 does not exist it shows kthreadd's tree as {@code -k} would.
 */
@Component(service = Pstree.class, property = {"osgi.command.scope=" + Tool.SCOPE,
    "osgi.command.function=pstree"})
public final class Pstree {

    private static final List<Getopt.Option> OPTIONS = List.of(Getopt.opt('p', "show-pids"),
            Getopt.opt('n', "numeric-sort"), Getopt.opt('c', "compact-not"), Getopt.opt('l', "long"),
            Getopt.opt('A', "ascii"), Getopt.opt('k', "kthreads"));

    private final VfsFileSystem fs;

    @Activate
    public Pstree(@Reference VfsFileSystem fs) {
        this.fs = fs;
    }

    @Descriptor("display a tree of processes")
    public void pstree(CommandSession session, String... args) {
        Getopt g = Getopt.parse("pstree", OPTIONS, args);
        if (g == null) {
            return;
        }
        boolean pids = g.found.stream().anyMatch(f -> f.is('p'));
        boolean byPid = g.found.stream().anyMatch(f -> f.is('n'));
        boolean compact = g.found.stream().noneMatch(f -> f.is('c'));
        boolean trunc = g.found.stream().noneMatch(f -> f.is('l'));
        boolean kthreads = g.found.stream().anyMatch(f -> f.is('k'));
        int pid = 1;
        if (g.operands.size() > 1 || (g.operands.size() == 1 && !g.operands.get(0).matches("[0-9]+"))) {
            Tool.fail(1, "Usage: pstree [-acglpsStTuZ] [ -h | -H PID ] [ -n | -N type ]\n"
                    + "              [ -A | -G | -U ] [ PID | USER ]");
            return;
        }
        if (g.operands.size() == 1) {
            pid = Integer.parseInt(g.operands.get(0));
        }
        List<Proc> procs;
        try {
            procs = new ProcReader(fs.path("/")).processes();
        } catch (IOException e) {
            Tool.fail(1, "/proc: %s", e.getMessage());
            return;
        }
        org.modux.usr.procps.Pstree tree = new org.modux.usr.procps.Pstree(procs, pids, byPid, compact,
                Tool.columns(session, 132), trunc);
        StringBuilder out = new StringBuilder(tree.dump(pid));
        if (kthreads || (g.operands.isEmpty() && !tree.has(1))) {
            out.append(tree.dump(org.modux.usr.procps.Pstree.KTHREADD_PID));
        }
        Tool.out().print(out);
        Tool.out().flush();
    }
}
