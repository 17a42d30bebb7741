package org.modux.kernel.impl;

import org.modux.kernel.sysctl.CtlTable;
import org.modux.kernel.sysctl.ProcHandler;
import org.modux.kernel.sysctl.Sysctl;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * /proc/sys/kernel/tainted (Linux: kernel/panic.c, {@code proc_taint};
 * Documentation/admin-guide/sysctl/kernel.rst): the taint mask as a decimal number.
 * A write ORs the given flags in; it can never clear one.
 */
@Component(service = {})
public final class ProcTainted {

    private final Sysctl.Registration registration;

    @Activate
    public ProcTainted(@Reference Sysctl sysctl, @Reference Taints taints) throws ErrnoException {
        registration = sysctl.register("kernel", new CtlTable("tainted", 0644, new ProcHandler() {
            @Override
            public String read() {
                return Long.toUnsignedString(taints.mask());
            }

            @Override
            public void write(String text) throws ErrnoException {
                try {
                    taints.or(Long.parseUnsignedLong(text.strip()));
                } catch (NumberFormatException e) {
                    throw new ErrnoException(Errno.EINVAL);
                }
            }
        }));
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }
}
