package org.modux.usr.procps;

/**
 * One process as procps' readproc sees it (procps: library/readproc.c,
 * {@code stat2proc}, {@code status2proc}, {@code fill_cmdline_cvt}): the fields of
 * /proc/PID/stat, the effective uid from /proc/PID/status and the command line,
 * already made printable ("[comm]" when it is empty, as for kernel threads).
 *
 * @param startTime clock ticks after boot
 * @param utime clock ticks
 * @param stime clock ticks
 * @param priority stat's field 18, {@code task_prio}
 */
public record Proc(int pid, String comm, char state, int ppid, int pgrp, int session, int ttyNr, int tpgid,
        long flags, long utime, long stime, int priority, int nice, int nlwp, long startTime, int processor,
        int rtPriority, int policy, int euid, String cmdline) {
}
