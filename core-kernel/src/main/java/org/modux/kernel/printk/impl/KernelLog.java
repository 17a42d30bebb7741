package org.modux.kernel.printk.impl;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.modux.hw.Machine;
import org.modux.kernel.printk.Console;
import org.modux.kernel.printk.LogLevel;
import org.modux.kernel.time.impl.Timekeeping;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The kernel log, one per kernel (Linux: kernel/printk/printk.c, {@code vprintk_emit},
 * {@code setup_log_buf}, {@code register_console}): the log buffer sized by
 * {@code log_buf_len=}, the console log levels set by {@code loglevel=}, {@code quiet}
 * or {@code debug}, timestamps from kernel time ({@link Timekeeping}), and
 * the console drivers, which are every {@link Console} service. The per-bundle
 * {@code Printk} service ({@link BundlePrintk}), syslog(2) ({@link KernelSyslog}),
 * /proc/kmsg ({@link ProcKmsg}) and the printk sysctls ({@link PrintkSysctl}) are
 * faces of it. It needs only the machine, so it comes up before every other kernel
 * subsystem; messages logged before a console registers are replayed on it.
 *
 * <p>No lock of its own: the log buffer and the consoles have theirs.
 */
@Component(service = KernelLog.class, immediate = true)
public final class KernelLog {

    /** Syslog facility of the kernel's own messages. */
    static final int LOG_KERN = 0;

    private final LogBuf logBuf;
    private final ConsolePrintk consolePrintk;
    private final AtomicIntegerArray dmesgRestrict = new AtomicIntegerArray(1);
    private final PrintkLogger printk;
    private final Consoles consoles;
    private final EarlyParams params;

    @Activate
    public KernelLog(@Reference(name = "machine") Machine machine,
            @Reference(name = "timekeeping") Timekeeping timekeeping) {
        EarlyParams params = EarlyParams.parse(machine.commandLine());
        logBuf = new LogBuf(params.logBufLen(), timekeeping::ktimeGetNs);
        consolePrintk = new ConsolePrintk(params.consoleLoglevel());
        printk = new PrintkLogger(this, "kernel.printk");
        consoles = new Consoles(logBuf, consolePrintk, printk);
        this.params = params;
    }

    /** {@code vprintk_emit}: stores a message, then prints what is pending on the consoles. */
    void vprintkEmit(int facility, LogLevel level, String text) {
        logBuf.logStore(facility, level, text);
        consoles.flush();
    }

    /** {@code register_console}. */
    @Reference(name = "console", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unregisterConsole")
    void registerConsole(Console con) {
        if (consoles.register(con)) {
            printk.prInfo("printk: console [%s] enabled", con.name());
        }
    }

    /**
     * {@code unregister_console}: the farewell is the console's last message. A console
     * that failed was unregistered, with its own message, when it failed.
     */
    void unregisterConsole(Console con) {
        if (consoles.registered(con)) {
            // The built-in console goes only with the kernel, after "reboot: Power
            // down", where Linux, which never unregisters it, says nothing more.
            if (!(con instanceof HostConsole)) {
                printk.prInfo("printk: console [%s] disabled", con.name());
            }
            consoles.unregister(con);
        }
    }

    /**
     * {@code setup_log_buf} and the early-parameter warnings: what Linux says about
     * printk's own parameters once the banner is out. Called by early setup.
     */
    public void setupLogBuf() {
        for (String name : params.malformed()) {
            printk.prWarn("Malformed early option '%s'", name);
        }
        if (params.logBufLen() != EarlyParams.LOG_BUF_LEN_DEFAULT) {
            printk.prInfo("printk: log_buf_len: %d bytes", params.logBufLen());
        }
    }

    LogBuf logBuf() {
        return logBuf;
    }

    ConsolePrintk consolePrintk() {
        return consolePrintk;
    }

    /**
     * {@code dmesg_restrict}, as /proc/sys/kernel/dmesg_restrict shows and sets it. The
     * syslog permission check that reads it (CAP_SYSLOG) comes with credentials, which
     * Modux does not have yet.
     */
    AtomicIntegerArray dmesgRestrict() {
        return dmesgRestrict;
    }
}
