package org.modux.kernel.sysctl;

import org.modux.uapi.ErrnoException;

/**
 * Registers sysctl tables under /proc/sys (Linux: {@code register_sysctl}). Each
 * bundle gets its own instance; its tables are unregistered when it goes.
 */
public interface Sysctl {

    /**
     * {@code register_sysctl(path, table)}: {@code path} is the directory under
     * /proc/sys, such as {@code "kernel"} or {@code "net/ipv4"}, made as needed.
     * EEXIST if an entry of the same name is already there.
     */
    Registration register(String path, CtlTable... table) throws ErrnoException;

    /** A registered table ({@code struct ctl_table_header}). */
    interface Registration {

        /** {@code unregister_sysctl_table}. */
        void unregister();
    }
}
