package org.modux.fs.proc.impl;

import java.util.BitSet;

import org.modux.fs.proc.SeqFile;
import org.modux.kernel.sched.Task;
import org.modux.kernel.sched.TaskState;

/**
 * /proc/PID/stat, /proc/PID/status and /proc/PID/statm (proc(5); Linux:
 * fs/proc/array.c, {@code do_task_stat}, {@code proc_pid_status},
 * {@code proc_pid_statm}), in Linux 6.18's layout. The directories that hold them
 * are {@link ProcPidDir}'s; the task list is the scheduler's.
 *
 * <p>No task has an address space yet (kernel threads never have one, and user
 * processes come later), so every task prints as Linux prints a task without an
 * {@code mm}: status has no Vm lines, statm is all zeros, stat's memory fields are 0.
 * Every task runs as root with all capabilities, in the first pid namespace, with
 * no controlling terminal, process group 0 and session 0 (what kthreadd's children
 * have).
 */
final class TaskArray {

    /** USER_HZ: the unit of times in /proc/PID/stat ({@code nsec_to_clock_t}). */
    static final long USER_HZ = 100;
    /** {@code RLIM_INFINITY} as stat prints rsslim. */
    private static final String RLIM_INFINITY = "18446744073709551615";
    /** {@code SIGCHLD}: every process's exit signal. */
    private static final int SIGCHLD = 17;
    /** {@code CAP_FULL_SET} with CAP_LAST_CAP 40 (CAP_CHECKPOINT_RESTORE). */
    private static final long CAP_FULL_SET = (1L << 41) - 1;
    /** Linux's MAX_NUMNODES with the sample kernel's NODES_SHIFT of 10: Mems_allowed prints 1024 bits. */
    private static final int MAX_NUMNODES = 1024;
    /** THREAD_SIZE on riscv64 and x86_64: 16 KiB, which {@code fork_init} divides RAM by. */
    private static final long THREAD_SIZE = 16384;
    /** {@code FUTEX_TID_MASK}: the most threads {@code set_max_threads} allows. */
    private static final long MAX_THREADS = 0x3fffffff;

    /**
     * The {@code task->flags} bits a task has for what it is, one row per flag
     * (include/linux/sched.h, {@code PF_*}). Kernel threads are forked from kthreadd,
     * which runs with PF_NOFREEZE and never execs; a kernel thread allowed on fewer
     * CPUs than the machine has was bound with {@code kthread_bind}, which sets
     * PF_NO_SETAFFINITY. User processes exec'd with address-space randomization on.
     */
    private enum TaskFlag {
        PF_FORKNOEXEC(0x00000040) {
            @Override
            boolean of(Task t, int cpus) {
                return t.isKthread();
            }
        },
        PF_NOFREEZE(0x00008000) {
            @Override
            boolean of(Task t, int cpus) {
                return t.isKthread();
            }
        },
        PF_KTHREAD(0x00200000) {
            @Override
            boolean of(Task t, int cpus) {
                return t.isKthread();
            }
        },
        PF_RANDOMIZE(0x00400000) {
            @Override
            boolean of(Task t, int cpus) {
                return !t.isKthread();
            }
        },
        PF_NO_SETAFFINITY(0x04000000) {
            @Override
            boolean of(Task t, int cpus) {
                return t.isKthread() && t.cpusAllowed().cardinality() < cpus;
            }
        };

        final int bit;

        TaskFlag(int bit) {
            this.bit = bit;
        }

        abstract boolean of(Task t, int cpus);
    }

    /** The facts about the machine the files need: CPUs ({@code nr_cpu_ids}) and RAM. */
    record Machine(int cpus, long memoryBytes) {
    }

    private TaskArray() {
    }

    /** {@code task->flags} as stat prints it. */
    static int flags(Task t, int cpus) {
        int flags = 0;
        for (TaskFlag f : TaskFlag.values()) {
            if (f.of(t, cpus)) {
                flags |= f.bit;
            }
        }
        return flags;
    }

    /** {@code task_prio}: prio - MAX_RT_PRIO, -100 to -1 for real-time tasks, 0 to 39 for the others. */
    static int taskPrio(Task t) {
        return t.prio() - 100;
    }

    /** ns to clock ticks ({@code nsec_to_clock_t}). */
    static long clockT(long ns) {
        return ns / (1_000_000_000L / USER_HZ);
    }

    /** The parent's tgid, 0 for a task without one. */
    static int ppid(Task t) {
        return t.parent().map(Task::tgid).orElse(0);
    }

    /** /proc/PID/stat: 52 fields on one line ({@code do_task_stat}). */
    static void stat(SeqFile m, Task t, Machine machine) {
        StringBuilder s = new StringBuilder(256);
        s.append(t.pid()).append(" (").append(t.comm()).append(") ").append(t.state().letter());
        s.append(' ').append(ppid(t));
        s.append(" 0 0 0 -1"); // pgrp, session, tty_nr, tpgid
        s.append(' ').append(Integer.toUnsignedString(flags(t, machine.cpus())));
        s.append(" 0 0 0 0"); // minflt, cminflt, majflt, cmajflt
        s.append(' ').append(clockT(t.utime())).append(' ').append(clockT(t.stime()));
        s.append(" 0 0"); // cutime, cstime
        s.append(' ').append(taskPrio(t)).append(' ').append(t.nice());
        s.append(" 1 0"); // num_threads, itrealvalue
        s.append(' ').append(clockT(t.startTime()));
        s.append(" 0 0 ").append(RLIM_INFINITY); // vsize, rss, rsslim
        s.append(" 0 0 0 0 0"); // startcode, endcode, startstack, kstkesp, kstkeip
        s.append(" 0 0 ").append(t.isKthread() ? 0x7fffffffL : 0); // signal, blocked, sigignore
        s.append(" 0"); // sigcatch
        // wchan: 0 or 1 since Linux 5.16, "is there a /proc/PID/wchan to read".
        s.append(' ').append(t.state() == TaskState.RUNNING ? 0 : 1);
        s.append(" 0 0 ").append(SIGCHLD); // nswap, cnswap, exit_signal
        s.append(' ').append(t.cpu()).append(' ').append(t.rtPriority()).append(' ').append(t.policy().number());
        s.append(" 0 0 0"); // delayacct_blkio_ticks, guest_time, cguest_time
        s.append(" 0 0 0 0 0 0 0"); // start_data ... env_end: the mm's, and there is none
        s.append(" 0\n"); // exit_code
        m.puts(s);
    }

    /** /proc/PID/statm: sizes in pages of an address space there is not ({@code proc_pid_statm}). */
    static void statm(SeqFile m) {
        m.puts("0 0 0 0 0 0 0\n");
    }

    /** /proc/PID/status ({@code proc_pid_status}), without the lines of an mm. */
    static void status(SeqFile m, Task t, Machine machine) {
        StringBuilder s = new StringBuilder(2048);
        s.append("Name:\t").append(escapeName(t.comm())).append('\n');
        s.append("Umask:\t0022\n");
        s.append("State:\t").append(t.state().letter()).append(" (").append(t.state().word()).append(")\n");
        s.append("Tgid:\t").append(t.tgid()).append('\n');
        s.append("Ngid:\t0\n");
        s.append("Pid:\t").append(t.pid()).append('\n');
        s.append("PPid:\t").append(ppid(t)).append('\n');
        s.append("TracerPid:\t0\n");
        s.append("Uid:\t0\t0\t0\t0\n");
        s.append("Gid:\t0\t0\t0\t0\n");
        s.append("FDSize:\t64\n"); // init_files' NR_OPEN_DEFAULT, which kernel threads share
        s.append("Groups:\t \n"); // "Trailing space shouldn't have been added in the first place."
        s.append("NStgid:\t").append(t.tgid()).append('\n');
        s.append("NSpid:\t").append(t.pid()).append('\n');
        s.append("NSpgid:\t0\n");
        s.append("NSsid:\t0\n");
        s.append("Kthread:\t").append(t.isKthread() ? 1 : 0).append('\n');
        s.append("Threads:\t1\n");
        s.append("SigQ:\t0/").append(sigpendingLimit(machine.memoryBytes())).append('\n');
        s.append("SigPnd:\t0000000000000000\n");
        s.append("ShdPnd:\t0000000000000000\n");
        s.append("SigBlk:\t0000000000000000\n");
        // kthreadd's ignore_signals(): kernel threads ignore every signal.
        s.append("SigIgn:\t").append(t.isKthread() ? "ffffffffffffffff" : "0000000000000000").append('\n');
        s.append("SigCgt:\t0000000000000000\n");
        s.append("CapInh:\t0000000000000000\n");
        String full = String.format("%016x", CAP_FULL_SET);
        s.append("CapPrm:\t").append(full).append('\n');
        s.append("CapEff:\t").append(full).append('\n');
        s.append("CapBnd:\t").append(full).append('\n');
        s.append("CapAmb:\t0000000000000000\n");
        s.append("NoNewPrivs:\t0\n");
        s.append("Seccomp:\t0\n");
        s.append("Seccomp_filters:\t0\n");
        // riscv64 (uname -m) has no arch_prctl_spec_ctrl_get: the generic one says -EINVAL.
        s.append("Speculation_Store_Bypass:\tunknown\n");
        s.append("SpeculationIndirectBranch:\tunsupported\n");
        BitSet cpus = t.cpusAllowed();
        s.append("Cpus_allowed:\t").append(bitmapHex(cpus, machine.cpus())).append('\n');
        s.append("Cpus_allowed_list:\t").append(bitmapList(cpus)).append('\n');
        BitSet nodes = new BitSet();
        nodes.set(0);
        s.append("Mems_allowed:\t").append(bitmapHex(nodes, MAX_NUMNODES)).append('\n');
        s.append("Mems_allowed_list:\t").append(bitmapList(nodes)).append('\n');
        s.append("voluntary_ctxt_switches:\t").append(t.nvcsw()).append('\n');
        s.append("nonvoluntary_ctxt_switches:\t").append(t.nivcsw()).append('\n');
        m.puts(s);
    }

    /**
     * RLIMIT_SIGPENDING of init_task and so of every task: half of max_threads, which
     * {@code fork_init} sizes so that thread stacks take at most an eighth of RAM.
     */
    static long sigpendingLimit(long memoryBytes) {
        long threads = Math.max(20, Math.min(MAX_THREADS, memoryBytes / (THREAD_SIZE * 8)));
        return threads / 2;
    }

    /** {@code proc_task_name} with escape: only newline and backslash are escaped in status. */
    static String escapeName(String comm) {
        return comm.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /**
     * {@code %*pb}: the first {@code nbits} bits as hex, in 32-bit words from the
     * highest, comma-separated; the highest word only as wide as its bits need.
     */
    static String bitmapHex(BitSet bits, int nbits) {
        int words = (nbits + 31) / 32;
        StringBuilder s = new StringBuilder();
        for (int w = words - 1; w >= 0; w--) {
            long word = 0;
            for (int b = 0; b < 32 && w * 32 + b < nbits; b++) {
                if (bits.get(w * 32 + b)) {
                    word |= 1L << b;
                }
            }
            int top = nbits - w * 32;
            int digits = w == words - 1 && top < 32 ? (top + 3) / 4 : 8;
            if (s.length() > 0) {
                s.append(',');
            }
            s.append(String.format("%0" + digits + "x", word));
        }
        return s.toString();
    }

    /** {@code %*pbl}: the set bits as a range list, "0-1,3". */
    static String bitmapList(BitSet bits) {
        StringBuilder s = new StringBuilder();
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            int end = bits.nextClearBit(i) - 1;
            if (s.length() > 0) {
                s.append(',');
            }
            s.append(i);
            if (end > i) {
                s.append('-').append(end);
            }
            i = end;
        }
        return s.toString();
    }
}
