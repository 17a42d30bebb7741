package org.modux.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The taint table, row by row as Linux 6.18's kernel/panic.c taint_flags[] has it. */
class TaintTest {

    /** bit, name, letter when set, character when not, recorded per module. */
    private static final String[] LINUX = {
        "0 PROPRIETARY_MODULE P G true",
        "1 FORCED_MODULE F _ true",
        "2 CPU_OUT_OF_SPEC S _ false",
        "3 FORCED_RMMOD R _ false",
        "4 MACHINE_CHECK M _ false",
        "5 BAD_PAGE B _ false",
        "6 USER U _ false",
        "7 DIE D _ false",
        "8 OVERRIDDEN_ACPI_TABLE A _ false",
        "9 WARN W _ false",
        "10 CRAP C _ true",
        "11 FIRMWARE_WORKAROUND I _ false",
        "12 OOT_MODULE O _ true",
        "13 UNSIGNED_MODULE E _ true",
        "14 SOFTLOCKUP L _ false",
        "15 LIVEPATCH K _ true",
        "16 AUX X _ true",
        "17 RANDSTRUCT T _ true",
        "18 TEST N _ true",
        "19 FWCTL J _ true",
    };

    @Test
    void everyFlagHasLinuxsBitLettersAndModuleColumn() {
        List<String> rows = new ArrayList<>();
        for (Taint t : Taint.values()) {
            rows.add(Long.numberOfTrailingZeros(t.bit()) + " " + t.name() + " " + t.letter() + " "
                    + (t.unsetChar() == ' ' ? '_' : t.unsetChar()) + " " + t.isModuleTaint());
        }
        assertEquals(List.of(LINUX), rows);
    }

    @Test
    void eachBitIsASingleBitInOrder() {
        for (Taint t : Taint.values()) {
            assertEquals(1L << t.ordinal(), t.bit(), t.name());
        }
        assertEquals(1, Taint.PROPRIETARY_MODULE.bit());
        assertEquals(512, Taint.WARN.bit());
        assertEquals(4096, Taint.OOT_MODULE.bit());
        assertEquals(1L << 19, Taint.FWCTL.bit());
    }

    @Test
    void allBitsIsTheTwentyFlags() {
        assertEquals(0xfffff, Taint.allBits());
    }
}
