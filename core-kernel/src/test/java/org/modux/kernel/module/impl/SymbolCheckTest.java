package org.modux.kernel.module.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What the symbol check reads from bnd's requirement filters. */
class SymbolCheckTest {

    @Test
    void wantedRangeIsTheImportsVersionRange() {
        assertEquals("module wants [1.1.0,2.0.0)",
                SymbolCheck.wantedRange("(&(osgi.wiring.package=org.x)(version>=1.1.0)(!(version>=2.0.0)))"));
    }

    @Test
    void anImportWithoutAnUpperBoundWantsAtLeastItsVersion() {
        assertEquals("module wants 1.2.0",
                SymbolCheck.wantedRange("(&(osgi.wiring.package=org.x)(version>=1.2.0))"));
        assertEquals("module wants 0.0.0", SymbolCheck.wantedRange("(osgi.wiring.package=org.x)"));
    }

    @Test
    void aServiceSymbolIsItsObjectClass() {
        assertEquals("org.modux.examples.symexport.Greeter",
                SymbolCheck.symbolOf("(objectClass=org.modux.examples.symexport.Greeter)"));
        assertEquals("org.x.Svc", SymbolCheck.symbolOf("(&(objectClass=org.x.Svc)(name=a))"));
        assertEquals("(name=a)", SymbolCheck.symbolOf("(name=a)"));
        assertEquals("null", SymbolCheck.symbolOf(null));
    }
}
