package org.modux.usr.bin;

import java.util.BitSet;
import java.util.List;
import java.util.Optional;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Process;
import org.modux.kernel.sched.Scheduler;
import org.modux.kernel.sched.Task;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code taskset} (util-linux, taskset(1)) for existing tasks: {@code -p [MASK] PID}
 * shows and sets a task's CPU affinity ({@code sched_getaffinity} /
 * {@code sched_setaffinity}), {@code -c} in list form. Starting a command under a
 * mask needs processes, which come later.
 */
@Component(service = Taskset.class, property = {"osgi.command.scope=" + Tool.SCOPE, "osgi.command.function=taskset"})
public final class Taskset {

    private static final List<Getopt.Option> OPTIONS = List.of(Getopt.opt('p', "pid"), Getopt.opt('c', "cpu-list"),
            Getopt.opt('a', "all-tasks"), Getopt.opt('h', "help"));

    private final Scheduler sched;

    @Activate
    public Taskset(@Reference Scheduler sched) {
        this.sched = sched;
    }

    @Descriptor("set or retrieve a task's CPU affinity")
    public void taskset(String... args) {
        Getopt g = Getopt.parse("taskset", OPTIONS, args);
        if (g == null) {
            return;
        }
        boolean list = g.found.stream().anyMatch(f -> f.is('c'));
        boolean pidMode = g.found.stream().anyMatch(f -> f.is('p'));
        if (g.found.stream().anyMatch(f -> f.is('h')) || g.operands.isEmpty()) {
            Tool.out().print("Usage: taskset [options] [mask | cpu-list] [pid|cmd [args...]]\n\n"
                    + "Show or change the CPU affinity of a process.\n\n"
                    + "Options:\n -a, --all-tasks         operate on all the tasks (threads) for a given pid\n"
                    + " -p, --pid               operate on existing given pid\n"
                    + " -c, --cpu-list          display and specify cpus in list format\n"
                    + " -h, --help              display this help\n");
            Tool.out().flush();
            if (g.operands.isEmpty() && g.found.stream().noneMatch(f -> f.is('h'))) {
                Process.Utils.current().error(1);
            }
            return;
        }
        if (!pidMode) {
            Tool.fail(1, "taskset: failed to execute %s: %s", g.operands.get(0), "No such file or directory");
            return;
        }
        String pidText = g.operands.get(g.operands.size() - 1);
        int pid;
        try {
            pid = Integer.parseInt(pidText);
        } catch (NumberFormatException e) {
            Tool.fail(1, "taskset: invalid PID argument: '%s'", pidText);
            return;
        }
        Optional<Task> task = sched.findTask(pid);
        if (task.isEmpty()) {
            Tool.fail(1, "taskset: failed to get pid %d's affinity: No such process", pid);
            return;
        }
        String kind = list ? "list" : "mask";
        BitSet now = task.get().cpusAllowed();
        Tool.out().printf("pid %d's current affinity %s: %s%n", pid, kind, list ? CpuList.list(now) : CpuList.mask(now));
        if (g.operands.size() >= 2) {
            String spec = g.operands.get(0);
            BitSet want = list ? CpuList.parseList(spec) : CpuList.parseMask(spec);
            if (want == null) {
                Tool.out().flush();
                Tool.fail(1, "taskset: failed to parse %s: %s", list ? "CPU list" : "CPU mask", spec);
                return;
            }
            try {
                sched.setCpusAllowed(task.get(), want);
            } catch (ErrnoException e) {
                Tool.out().flush();
                Tool.fail(1, "taskset: failed to set pid %d's affinity: %s", pid, e.errno().message());
                return;
            }
            BitSet after = task.get().cpusAllowed();
            Tool.out().printf("pid %d's new affinity %s: %s%n", pid, kind, list ? CpuList.list(after) : CpuList.mask(after));
        }
        Tool.out().flush();
    }
}
