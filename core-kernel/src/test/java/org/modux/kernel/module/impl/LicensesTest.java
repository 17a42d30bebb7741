package org.modux.kernel.module.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which Bundle-License values make a GPL-compatible module (Linux: license_is_gpl_compatible). */
class LicensesTest {

    @Test
    void everyStringLinuxAcceptsIsGplCompatible() {
        for (String license : new String[] {"GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL",
                "Dual MIT/GPL", "Dual MPL/GPL"}) {
            assertTrue(Licenses.isGplCompatible(license), license);
        }
    }

    @Test
    void theSpdxGpl2FamilyIsGplCompatible() {
        for (String license : new String[] {"GPL-2.0-only", "GPL-2.0-or-later", "GPL-2.0+", "GPL-2.0",
                "GPL-2.0-only WITH Linux-syscall-note"}) {
            assertTrue(Licenses.isGplCompatible(license), license);
        }
    }

    @Test
    void anOrExpressionIsGplCompatibleWhenOneAlternativeIs() {
        assertTrue(Licenses.isGplCompatible("(BSD-3-Clause OR GPL-2.0-only)"));
        assertTrue(Licenses.isGplCompatible("MIT OR GPL-2.0-or-later"));
        assertFalse(Licenses.isGplCompatible("MIT OR Apache-2.0"));
    }

    @Test
    void otherLicencesAreNot() {
        for (String license : new String[] {"Proprietary", "MIT", "Apache-2.0", "GPL-3.0-only", "", "()",
                "gpl", "Dual BSD/GPL v2"}) {
            assertFalse(Licenses.isGplCompatible(license), license);
        }
    }

    @Test
    void ofKeepsTheFirstClauseWithoutOsgiAttributes() {
        assertEquals("GPL-2.0-only", Licenses.of("GPL-2.0-only;link=\"https://spdx.org/licenses/GPL-2.0-only\""));
        assertEquals("Dual BSD/GPL", Licenses.of(" Dual BSD/GPL "));
        assertEquals("", Licenses.of(null));
        assertEquals("", Licenses.of("  "));
        assertTrue(Licenses.isGplCompatible(Licenses.of("GPL-2.0-only;link=\"x\"")));
    }
}
