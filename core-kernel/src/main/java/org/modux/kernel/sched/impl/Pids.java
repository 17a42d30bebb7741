package org.modux.kernel.sched.impl;

import java.util.BitSet;

/**
 * The pid allocator (kernel/pid.c, {@code alloc_pid}): the next free number after
 * the last one given, wrapping round to {@code RESERVED_PIDS} after
 * {@code pid_max} (32768, Linux's default below 32 CPUs).
 */
final class Pids {

    static final int PID_MAX_DEFAULT = 32768;
    static final int RESERVED_PIDS = 300;

    private final BitSet used = new BitSet();
    private int last = 2;

    synchronized int alloc() {
        for (int i = 0; i < PID_MAX_DEFAULT; i++) {
            int pid = last + 1 >= PID_MAX_DEFAULT ? RESERVED_PIDS : last + 1;
            last = pid;
            if (!used.get(pid)) {
                used.set(pid);
                return pid;
            }
        }
        throw new IllegalStateException("no pid left below pid_max " + PID_MAX_DEFAULT);
    }

    synchronized int last() {
        return last;
    }

    synchronized void reserve(int pid) {
        used.set(pid);
    }

    synchronized void free(int pid) {
        used.clear(pid);
    }
}
