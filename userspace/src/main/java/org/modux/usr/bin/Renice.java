package org.modux.usr.bin;

import java.util.List;
import java.util.Optional;

import org.apache.felix.service.command.Descriptor;
import org.modux.kernel.sched.Scheduler;
import org.modux.kernel.sched.Task;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code renice} (util-linux, renice(1)) for process ids: {@code renice [-n] PRIORITY
 * [-p] PID...} sets each task's nice value ({@code setpriority(PRIO_PROCESS)}) and
 * reports "PID (process ID) old priority OLD, new priority NEW".
 */
@Component(service = Renice.class, property = {"osgi.command.scope=" + Tool.SCOPE, "osgi.command.function=renice"})
public final class Renice {

    private final Scheduler sched;

    @Activate
    public Renice(@Reference Scheduler sched) {
        this.sched = sched;
    }

    @Descriptor("alter the priority of running processes")
    public void renice(String... args) {
        List<String> words = List.of(args);
        int i = 0;
        if (i < words.size() && (words.get(i).equals("-n") || words.get(i).equals("--priority"))) {
            i++;
        }
        if (i >= words.size()) {
            Tool.fail(1, "renice: not enough arguments\nTry 'renice --help' for more information.");
            return;
        }
        int nice;
        try {
            nice = Integer.parseInt(words.get(i++));
        } catch (NumberFormatException e) {
            Tool.fail(1, "renice: invalid priority '%s'\nTry 'renice --help' for more information.", words.get(i - 1));
            return;
        }
        if (i < words.size() && (words.get(i).equals("-p") || words.get(i).equals("--pid"))) {
            i++;
        }
        if (i >= words.size()) {
            Tool.fail(1, "renice: not enough arguments\nTry 'renice --help' for more information.");
            return;
        }
        int status = 0;
        for (; i < words.size(); i++) {
            String who = words.get(i);
            int pid;
            try {
                pid = Integer.parseInt(who);
            } catch (NumberFormatException e) {
                Tool.fail(1, "renice: invalid PID argument: '%s'", who);
                return;
            }
            Optional<Task> task = sched.findTask(pid);
            if (task.isEmpty()) {
                Tool.fail(1, "renice: failed to get priority for %d (process ID): No such process", pid);
                status = 1;
                continue;
            }
            int old = task.get().nice();
            sched.setUserNice(task.get(), nice);
            Tool.out().printf("%d (process ID) old priority %d, new priority %d%n", pid, old, task.get().nice());
        }
        Tool.out().flush();
        if (status != 0) {
            org.apache.felix.service.command.Process.Utils.current().error(status);
        }
    }
}
