package org.modux.modules.initfail;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.modux.fs.proc.ProcFs;
import org.modux.kernel.printk.Printk;
import org.modux.kernel.sysctl.CtlTable;
import org.modux.kernel.sysctl.Sysctl;
import org.modux.lib.kobject.Kobjects;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A module whose init fails half-way, as a driver's probe does when an allocation
 * fails: it creates /proc/initfail, registers /proc/sys/initfail/value and adds
 * /sys/kernel/initfail, then returns -ENOMEM without undoing any of it. insmod
 * fails with "Cannot allocate memory", and the kernel's per-module services remove
 * all three, each with a warning in the kernel log (Linux would leak them).
 */
@Component(immediate = true)
public final class InitFail {

    @Activate
    public InitFail(@Reference Printk printk, @Reference ProcFs proc, @Reference Sysctl sysctl,
            @Reference Kobjects kobjects) throws ErrnoException {
        proc.createSingle("initfail", m -> m.puts("initfail\n"));
        sysctl.register("initfail", CtlTable.intValue("value", 0644, new AtomicIntegerArray(1), 0, 100));
        kobjects.createAndAdd("initfail", kobjects.kernelKobj());
        printk.prInfo("initfail: /proc/initfail, /proc/sys/initfail/value and /sys/kernel/initfail made; failing");
        throw new ErrnoException(Errno.ENOMEM);
    }
}
