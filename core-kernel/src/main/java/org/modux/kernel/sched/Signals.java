package org.modux.kernel.sched;

import org.modux.uapi.ErrnoException;

/**
 * Sending signals (Linux: kernel/signal.c, include/linux/sched/signal.h), as
 * kill(2) sends them; the console's {@code kill} calls it. Signal numbers are
 * include/uapi/asm-generic/signal.h's, 1 to {@link #NSIG}.
 *
 * <p>Every task is a kernel thread until user processes come, and a kernel thread
 * ignores every signal: kthreadd sets all its handlers to SIG_IGN
 * ({@code ignore_signals}) and its children inherit them, and no thread here asks
 * for one back ({@code allow_signal}). So a signal that passes the checks is
 * accepted and dropped, as {@code prepare_signal} drops it in Linux, and the task
 * goes on.
 */
public interface Signals {

    /** {@code _NSIG}: the highest signal number. */
    int NSIG = 64;

    /**
     * {@code kill(2)} from the calling task ({@code kill_something_info}):
     * {@code pid} &gt; 0 is that process, 0 the caller's process group, -1 every
     * process but pid 1 and the caller, below -1 the process group -pid. Signal 0
     * sends nothing: it only checks that there is someone to signal. A caller that
     * is no task (the console) is in no process group.
     *
     * @throws ErrnoException ESRCH when no process is there to signal (checked
     *         first), EINVAL for a signal outside 0 to {@link #NSIG}
     */
    void kill(int pid, int sig) throws ErrnoException;
}
