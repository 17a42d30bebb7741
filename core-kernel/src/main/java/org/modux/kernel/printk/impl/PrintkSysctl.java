package org.modux.kernel.printk.impl;

import org.modux.kernel.sysctl.CtlTable;
import org.modux.kernel.sysctl.Sysctl;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The printk sysctls under /proc/sys/kernel (Linux: kernel/printk/sysctl.c;
 * Documentation/admin-guide/sysctl/kernel.rst):
 * <ul>
 * <li>{@code printk}: console_loglevel, default_message_loglevel,
 * minimum_console_loglevel and default_console_loglevel, tab-separated, the same
 * array the consoles and syslog(2) use. Linux takes any int here; values are held to
 * 0..15 (CONSOLE_LOGLEVEL_MOTORMOUTH) so that a bad write fails with EINVAL and
 * changes nothing.</li>
 * <li>{@code dmesg_restrict}: 0 or 1.</li>
 * </ul>
 */
@Component(immediate = true, service = {})
public final class PrintkSysctl {

    private final Sysctl.Registration registration;

    @Activate
    public PrintkSysctl(@Reference(name = "sysctl") Sysctl sysctl, @Reference(name = "log") KernelLog log)
            throws ErrnoException {
        registration = sysctl.register("kernel",
                CtlTable.intVec("printk", 0644, log.consolePrintk().asArray(), 0,
                        ConsolePrintk.CONSOLE_LOGLEVEL_MOTORMOUTH),
                CtlTable.intValue("dmesg_restrict", 0644, log.dmesgRestrict(), 0, 1));
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }
}
