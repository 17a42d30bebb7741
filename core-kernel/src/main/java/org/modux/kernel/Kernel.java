package org.modux.kernel;

import java.util.Optional;

/**
 * The booted kernel (Linux: init/main.c, kernel/sys.c, kernel/reboot.c). The service
 * is registered when {@code start_kernel} has finished: a component that references
 * it runs as init runs, with every core subsystem up and /proc and /sys mounted.
 */
public interface Kernel {

    /** {@code uname(2)}. */
    Utsname uname();

    /** The command line the kernel booted with, as /proc/cmdline shows it. */
    String commandLine();

    /**
     * The value of a kernel parameter given on the command line: empty if absent,
     * {@code ""} for a bare word such as {@code quiet}.
     */
    Optional<String> param(String name);

    /** {@code ktime_get_ns()}: nanoseconds since boot, monotonic. */
    long ktimeGetNs();

    /**
     * {@code reboot(LINUX_REBOOT_CMD_POWER_OFF)}: stops every module and the kernel,
     * prints "reboot: Power down" and switches the machine off; the host process exits
     * with {@code status}. Returns at once.
     */
    void powerOff(int status);

    /** {@code add_taint}: sets a taint flag for the rest of this boot. */
    void addTaint(Taint flag);

    /** {@code get_taint}: the taint mask, as /proc/sys/kernel/tainted shows it. */
    long tainted();
}
