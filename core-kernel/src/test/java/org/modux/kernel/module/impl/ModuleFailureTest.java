package org.modux.kernel.module.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.modux.kernel.module.impl.ModuleFailure.Reason;
import org.modux.uapi.Errno;

/** The kernel log line and errno of each reason a module's symbol cannot be resolved. */
class ModuleFailureTest {

    @Test
    void anUnknownSymbolIsLoggedAsLinuxDoesAndFailsWithEnoent() {
        ModuleFailure f = new ModuleFailure(Reason.UNKNOWN_SYMBOL, "org.x.Svc", null, null);
        assertEquals("Unknown symbol org.x.Svc (err -2)", f.logLine());
        assertEquals(Errno.ENOENT, f.reason().errno);
    }

    @Test
    void aGplOnlySymbolNamesItsOwnerAndFailsWithEnoent() {
        ModuleFailure f = new ModuleFailure(Reason.GPL_ONLY, "org.modux.examples.symexport.Greeter", "symexport",
                null);
        assertEquals("Unknown symbol org.modux.examples.symexport.Greeter (err -2): symexport exports it GPL-only"
                + " and this module's licence is not GPL-compatible", f.logLine());
        assertEquals(Errno.ENOENT, f.reason().errno);
    }

    @Test
    void aVersionMismatchSaysWhatWasWantedAndFoundAndFailsWithEnoexec() {
        ModuleFailure f = new ModuleFailure(Reason.VERSION_MISMATCH, "org.x", "symexport",
                "module wants [1.1.0,2.0.0), symexport exports 2.0.0");
        assertEquals("disagrees about version of symbol org.x (module wants [1.1.0,2.0.0), symexport exports 2.0.0)",
                f.logLine());
        assertEquals(Errno.ENOEXEC, f.reason().errno);
    }
}
