package org.modux.kernel.impl;

import java.util.concurrent.atomic.AtomicLong;

import org.modux.kernel.Taint;
import org.modux.kernel.printk.Printk;
import org.osgi.service.component.annotations.Component;

/**
 * The kernel's taint mask (Linux: kernel/panic.c, {@code add_taint}, {@code get_taint})
 * and {@code WARN()}, which logs and taints W. A taint is never cleared while the
 * system runs (Documentation/admin-guide/tainted-kernels.rst). /proc/sys/kernel/tainted
 * lives in {@link ProcTainted}. The mask is an atomic word, as Linux's is.
 */
@Component(service = Taints.class)
public final class Taints {

    private final AtomicLong mask = new AtomicLong();

    /** {@code add_taint}. */
    public void add(Taint flag) {
        or(flag.bit());
    }

    /** Sets every flag in {@code bits} that is a taint flag; other bits are ignored, as proc_taint does. */
    void or(long bits) {
        mask.getAndUpdate(m -> m | (bits & Taint.allBits()));
    }

    /** {@code get_taint}: the mask /proc/sys/kernel/tainted shows. */
    public long mask() {
        return mask.get();
    }

    /** {@code WARN()}: a warning in the kernel log that taints the kernel W. */
    public void warn(Printk log, String format, Object... args) {
        log.prWarn(format, args);
        add(Taint.WARN);
    }
}
