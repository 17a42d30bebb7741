package org.modux.kernel.sched.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A sched_entity as __sched_fork leaves it, and reweight off the queue. */
class SchedEntityTest {

    @Test
    void newEntityHasItsNiceWeightAndNoLag() {
        Object task = new Object();
        SchedEntity se = new SchedEntity(task, 5);
        assertSame(task, se.owner());
        assertEquals(335, se.weight);
        assertEquals(12820798, se.invWeight);
        assertEquals(0, se.vlag);
        assertEquals(0, se.vruntime);
        assertEquals(0, se.sumExecRuntime);
        assertEquals(CfsRq.NORMALIZED_SYSCTL_SCHED_BASE_SLICE, se.slice);
        assertFalse(se.onRq);
        assertFalse(se.customSlice);
    }

    /** lag_i = w_i * vlag: the saved virtual lag scales by old/new weight, the real lag stays. */
    @Test
    void reweightKeepsTheRealLag() {
        SchedEntity se = new SchedEntity("t", 0);
        se.vlag = -3_350_000;
        se.reweight(5);
        assertEquals(335, se.weight);
        assertEquals(12820798, se.invWeight);
        assertEquals(-3_350_000L * 1024 / 335, se.vlag);
    }

    /** A relative deadline (entity migrated or saved) is a virtual length and scales too. */
    @Test
    void reweightScalesARelativeDeadlineOnly() {
        SchedEntity rel = new SchedEntity("rel", 0);
        rel.relDeadline = true;
        rel.deadline = 700_000;
        rel.reweight(-5);
        assertEquals(700_000L * 1024 / 3121, rel.deadline);

        SchedEntity abs = new SchedEntity("abs", 0);
        abs.deadline = 5_000_000;
        abs.reweight(-5);
        assertEquals(5_000_000, abs.deadline);
    }

    @Test
    void reweightOfAQueuedEntityIsRefused() {
        SchedEntity se = new SchedEntity("t", 0);
        se.onRq = true;
        assertThrows(IllegalStateException.class, () -> se.reweight(1));
    }
}
