package org.modux.usr.bin;

import java.util.List;
import java.util.Optional;

import org.apache.felix.service.command.Descriptor;
import org.modux.kernel.sched.SchedPolicy;
import org.modux.kernel.sched.Scheduler;
import org.modux.kernel.sched.Task;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code chrt} (util-linux, chrt(1)) for existing tasks: {@code chrt -p PID} shows a
 * task's policy and priority; {@code chrt [-o|-f|-r|-b|-i] -p PRIO PID} sets them
 * ({@code sched_setscheduler}); {@code chrt -m} lists each policy's priority range.
 */
@Component(service = Chrt.class, property = {"osgi.command.scope=" + Tool.SCOPE, "osgi.command.function=chrt"})
public final class Chrt {

    private static final List<Getopt.Option> OPTIONS = List.of(Getopt.opt('p', "pid"), Getopt.opt('o', "other"),
            Getopt.opt('f', "fifo"), Getopt.opt('r', "rr"), Getopt.opt('b', "batch"), Getopt.opt('i', "idle"),
            Getopt.opt('m', "max"), Getopt.opt('h', "help"));

    private final Scheduler sched;

    @Activate
    public Chrt(@Reference Scheduler sched) {
        this.sched = sched;
    }

    @Descriptor("manipulate the real-time attributes of a process")
    public void chrt(String... args) {
        Getopt g = Getopt.parse("chrt", OPTIONS, args);
        if (g == null) {
            return;
        }
        if (g.found.stream().anyMatch(f -> f.is('m'))) {
            Tool.out().print("SCHED_OTHER min/max priority\t: 0/0\nSCHED_FIFO min/max priority\t: 1/99\n"
                    + "SCHED_RR min/max priority\t: 1/99\nSCHED_BATCH min/max priority\t: 0/0\n"
                    + "SCHED_IDLE min/max priority\t: 0/0\nSCHED_DEADLINE min/max priority\t: 0/0\n");
            Tool.out().flush();
            return;
        }
        SchedPolicy policy = SchedPolicy.RR;
        for (Getopt.Found f : g.found) {
            policy = f.is('o') ? SchedPolicy.NORMAL : f.is('f') ? SchedPolicy.FIFO : f.is('r') ? SchedPolicy.RR
                    : f.is('b') ? SchedPolicy.BATCH : f.is('i') ? SchedPolicy.IDLE : policy;
        }
        if (g.found.stream().noneMatch(f -> f.is('p')) || g.operands.isEmpty() || g.operands.size() > 2) {
            Tool.fail(1, "chrt: bad usage\nTry 'chrt --help' for more information.");
            return;
        }
        String pidText = g.operands.get(g.operands.size() - 1);
        int pid;
        try {
            pid = Integer.parseInt(pidText);
        } catch (NumberFormatException e) {
            Tool.fail(1, "chrt: invalid PID argument: '%s'", pidText);
            return;
        }
        Optional<Task> task = sched.findTask(pid);
        if (task.isEmpty()) {
            Tool.fail(1, "chrt: failed to get pid %d's policy: No such process", pid);
            return;
        }
        if (g.operands.size() == 1) {
            Tool.out().printf("pid %d's current scheduling policy: %s%npid %d's current scheduling priority: %d%n",
                    pid, task.get().policy().constant(), pid, task.get().rtPriority());
            Tool.out().flush();
            return;
        }
        int prio;
        try {
            prio = Integer.parseInt(g.operands.get(0));
        } catch (NumberFormatException e) {
            Tool.fail(1, "chrt: invalid priority argument: '%s'", g.operands.get(0));
            return;
        }
        try {
            sched.setScheduler(task.get(), policy, prio);
        } catch (ErrnoException e) {
            Tool.fail(1, "chrt: failed to set pid %d's policy: %s", pid, e.errno().message());
        }
    }
}
