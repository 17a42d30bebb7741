package org.modux.kernel.module.impl;

import org.modux.uapi.Errno;

/**
 * Why one symbol of a module cannot be resolved, with the kernel log line that says
 * so and the errno the load fails with (Linux: kernel/module/main.c,
 * {@code resolve_symbol_wait} and {@code check_version}).
 *
 * @param symbol the service interface or package
 * @param owner  the module that has it, for a GPL-only symbol or a version mismatch
 * @param detail the versions wanted and found, for a version mismatch
 */
record ModuleFailure(Reason reason, String symbol, String owner, String detail) {

    enum Reason {
        /** Nothing provides the symbol: -ENOENT. */
        UNKNOWN_SYMBOL(Errno.ENOENT),
        /** Only a GPL-only symbol would do, and the module is not GPL-compatible: -ENOENT. */
        GPL_ONLY(Errno.ENOENT),
        /** The API package is there in a version the module cannot use: -ENOEXEC. */
        VERSION_MISMATCH(Errno.ENOEXEC);

        final Errno errno;

        Reason(Errno errno) {
            this.errno = errno;
        }
    }

    /** The kernel log line, after the "NAME: " prefix. */
    String logLine() {
        return switch (reason) {
            case UNKNOWN_SYMBOL -> "Unknown symbol " + symbol + " (err -" + reason.errno.number() + ")";
            case GPL_ONLY -> "Unknown symbol " + symbol + " (err -" + reason.errno.number() + "): " + owner
                    + " exports it GPL-only and this module's licence is not GPL-compatible";
            case VERSION_MISMATCH -> "disagrees about version of symbol " + symbol + " (" + detail + ")";
        };
    }
}
