/**
 * The execution core's API (Linux: include/linux/sched.h, wait.h, completion.h,
 * kthread.h): tasks and their states, the scheduler's calls ({@code schedule},
 * {@code wake_up_process}, {@code set_user_nice}, {@code sched_setscheduler},
 * {@code set_cpus_allowed_ptr}, {@code cond_resched}), wait queues, completions,
 * kernel threads, and kill(2) (include/linux/sched/signal.h). A task runs only
 * while it holds one of the machine's CPUs; its own thread is its kernel stack, so
 * code running in a task may block.
 */
@Export
@Version("1.2.0")
package org.modux.kernel.sched;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
