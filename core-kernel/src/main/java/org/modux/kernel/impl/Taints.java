package org.modux.kernel.impl;

import java.util.concurrent.atomic.AtomicLong;

import org.modux.kernel.Taint;
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
 * The kernel's taint mask (Linux: kernel/panic.c, {@code add_taint}, {@code proc_taint})
 * and /proc/sys/kernel/tainted, which shows it as a number; a write ORs further
 * flags in (Documentation/admin-guide/tainted-kernels.rst): a taint is never
 * cleared while the system runs. The mask is an atomic word, as Linux's is.
 */
@Component(service = Taints.class)
public final class Taints {

    private final AtomicLong mask = new AtomicLong();
    private final Sysctl.Registration registration;

    @Activate
    public Taints(@Reference Sysctl sysctl) throws ErrnoException {
        registration = sysctl.register("kernel", new CtlTable("tainted", 0644, new ProcHandler() {
            @Override
            public String read() {
                return Long.toUnsignedString(mask.get());
            }

            @Override
            public void write(String text) throws ErrnoException {
                long value;
                try {
                    value = Long.parseUnsignedLong(text.strip());
                } catch (NumberFormatException e) {
                    throw new ErrnoException(Errno.EINVAL);
                }
                mask.getAndUpdate(m -> m | (value & Taint.allBits()));
            }
        }));
    }

    /** {@code add_taint}. */
    public void add(Taint flag) {
        mask.getAndUpdate(m -> m | flag.bit());
    }

    /** {@code get_taint}: the mask /proc/sys/kernel/tainted shows. */
    public long mask() {
        return mask.get();
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }
}
