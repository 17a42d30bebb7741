package org.modux.kernel.sched.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The nice-to-weight tables and priority conversions against Linux's kernel/sched/core.c. */
class SchedPrioTest {

    @Test
    void weightTableHasLinuxEntries() {
        assertEquals(40, SchedPrio.PRIO_TO_WEIGHT.length);
        assertEquals(88761, SchedPrio.weightOf(-20));
        assertEquals(3121, SchedPrio.weightOf(-5));
        assertEquals(1277, SchedPrio.weightOf(-1));
        assertEquals(1024, SchedPrio.weightOf(0));
        assertEquals(820, SchedPrio.weightOf(1));
        assertEquals(335, SchedPrio.weightOf(5));
        assertEquals(110, SchedPrio.weightOf(10));
        assertEquals(15, SchedPrio.weightOf(19));
        assertEquals(SchedPrio.NICE_0_LOAD, SchedPrio.weightOf(0));
    }

    @Test
    void wmultTableHasLinuxEntries() {
        assertEquals(40, SchedPrio.PRIO_TO_WMULT.length);
        assertEquals(48388, SchedPrio.wmultOf(-20));
        assertEquals(4194304, SchedPrio.wmultOf(0));
        assertEquals(12820798, SchedPrio.wmultOf(5));
        assertEquals(286331153, SchedPrio.wmultOf(19));
    }

    /** Each wmult is 2^32 / weight, rounded: the product is 2^32 to within 1e-8. */
    @Test
    void weightTimesWmultIsTwoToThe32() {
        for (int nice = SchedPrio.MIN_NICE; nice <= SchedPrio.MAX_NICE; nice++) {
            double product = (double) SchedPrio.weightOf(nice) * SchedPrio.wmultOf(nice);
            assertEquals(1.0, product / 0x1p32, 1e-8, "nice " + nice);
        }
    }

    /** One nice level is a factor of about 1.25 everywhere in the table. */
    @Test
    void neighbouringLevelsDifferByAQuarter() {
        for (int nice = SchedPrio.MIN_NICE; nice < SchedPrio.MAX_NICE; nice++) {
            double ratio = (double) SchedPrio.weightOf(nice) / SchedPrio.weightOf(nice + 1);
            assertTrue(ratio >= 1.19 && ratio <= 1.31, "nice " + nice + ": " + ratio);
        }
    }

    @Test
    void niceAndPrioConvert() {
        assertEquals(100, SchedPrio.MAX_RT_PRIO);
        assertEquals(120, SchedPrio.niceToPrio(0));
        assertEquals(100, SchedPrio.niceToPrio(-20));
        assertEquals(139, SchedPrio.niceToPrio(19));
        assertEquals(-20, SchedPrio.prioToNice(100));
        assertEquals(19, SchedPrio.prioToNice(139));
        assertEquals(SchedPrio.DEFAULT_PRIO, SchedPrio.niceToPrio(0));
    }

    /** /proc/PID/sched prints se.load.weight in the 64-bit resolution: 1048576 for nice 0. */
    @Test
    void scaleLoadGivesTheWeightLinuxPrints() {
        assertEquals(1048576, SchedPrio.scaleLoad(SchedPrio.weightOf(0)));
        assertEquals(1024, SchedPrio.scaleLoadDown(1048576));
        assertEquals(2, SchedPrio.scaleLoadDown(1));
        assertEquals(0, SchedPrio.scaleLoadDown(0));
    }

    @Test
    void niceOutsideRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SchedPrio.weightOf(20));
        assertThrows(IllegalArgumentException.class, () -> SchedPrio.wmultOf(-21));
    }
}
