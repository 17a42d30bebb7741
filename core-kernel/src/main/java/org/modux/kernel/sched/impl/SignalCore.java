package org.modux.kernel.sched.impl;

import java.util.List;
import java.util.Optional;

import org.modux.kernel.sched.Signals;
import org.modux.kernel.sched.Task;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * kill(2) (Linux: kernel/signal.c, {@code kill_something_info},
 * {@code kill_proc_info}, {@code __kill_pgrp_info}, {@code group_send_sig_info}) over
 * the scheduler's task list. Nothing is queued: every task is a kernel thread, and
 * kernel threads ignore every signal ({@link Signals}). Reads the task list only, so
 * it takes no lock of its own.
 */
@Component(service = Signals.class)
public final class SignalCore implements Signals {

    private final SchedCore sched;

    @Activate
    public SignalCore(@Reference SchedCore sched) {
        this.sched = sched;
    }

    @Override
    public void kill(int pid, int sig) throws ErrnoException {
        if (pid > 0) {
            groupSendSigInfo(sig, sched.findTask(pid).orElseThrow(() -> new ErrnoException(Errno.ESRCH)));
            return;
        }
        if (pid == Integer.MIN_VALUE) {
            // -INT_MIN names no process group.
            throw new ErrnoException(Errno.ESRCH);
        }
        Optional<Task> caller = sched.current();
        List<Task> targets;
        if (pid == -1) {
            targets = processes().stream().filter(p -> p.pid() > 1 && caller.map(c -> c.tgid() != p.tgid())
                    .orElse(true)).toList();
        } else {
            // Kernel threads stay in init_task's process group, numbered 0 (as /proc/PID/stat
            // shows): kill(0) from a kernel thread reaches them all; no task leads a group of
            // its own, so -pid names an empty one; the console, being no task, is in none.
            targets = pid == 0 && caller.isPresent() ? processes() : List.of();
        }
        if (targets.isEmpty()) {
            throw new ErrnoException(Errno.ESRCH);
        }
        // Each target passes the same checks, so the first one's answer is everyone's.
        groupSendSigInfo(sig, targets.get(0));
    }

    /** {@code for_each_process}: every task but the idle tasks, which are not on init_task's list. */
    private List<Task> processes() {
        return sched.tasks().stream().filter(p -> p.pid() != 0).toList();
    }

    /**
     * {@code group_send_sig_info}: {@code check_kill_permission} (a valid signal; the
     * console runs as root, which may signal anyone), then {@code prepare_signal},
     * which drops a signal its task ignores ({@code sig_task_ignored}): a kernel
     * thread's handlers are all SIG_IGN.
     */
    private static void groupSendSigInfo(int sig, Task p) throws ErrnoException {
        if (sig < 0 || sig > NSIG) {
            throw new ErrnoException(Errno.EINVAL);
        }
        assert p.isKthread() : "only kernel threads exist, and they drop every signal";
    }
}
