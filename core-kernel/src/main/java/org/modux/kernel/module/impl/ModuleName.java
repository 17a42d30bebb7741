package org.modux.kernel.module.impl;

import org.osgi.framework.Bundle;

/**
 * The name a bundle has as a kernel module: its {@code Module-Name} header, else the
 * last segment of its symbolic name ({@code org.modux.modules.hello} is
 * {@code hello}). The kernel core itself is {@value #KERNEL}.
 */
public final class ModuleName {

    /** Symbolic name of the kernel core bundle. */
    public static final String KERNEL_BSN = "org.modux.kernel";
    /** What the kernel core is called where a module name would stand. */
    public static final String KERNEL = "kernel";

    private ModuleName() {
    }

    public static String of(Bundle bundle) {
        String header = Manifests.header(bundle, "Module-Name");
        if (header != null && !header.isBlank()) {
            return header.strip();
        }
        String bsn = bundle.getSymbolicName();
        if (bsn == null) {
            return "bundle" + bundle.getBundleId();
        }
        if (bsn.equals(KERNEL_BSN)) {
            return KERNEL;
        }
        return bsn.substring(bsn.lastIndexOf('.') + 1);
    }

    /** Whether {@code bundle} is the kernel core, whose resources live as long as the system. */
    public static boolean isKernel(Bundle bundle) {
        return KERNEL_BSN.equals(bundle.getSymbolicName());
    }
}
