package org.modux.kernel.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.modux.kernel.Taint;
import org.modux.kernel.printk.LogLevel;
import org.modux.kernel.printk.RecordingPrintk;

/** The kernel's taint mask and WARN(). */
class TaintsTest {

    private final Taints taints = new Taints();

    @Test
    void anUntaintedKernelHasMaskZero() {
        assertEquals(0, taints.mask());
    }

    @Test
    void addSetsTheFlagsBitAndNothingClearsIt() {
        taints.add(Taint.PROPRIETARY_MODULE);
        taints.add(Taint.OOT_MODULE);
        taints.add(Taint.OOT_MODULE);
        assertEquals(1 | 4096, taints.mask());
        taints.or(0);
        assertEquals(1 | 4096, taints.mask());
    }

    @Test
    void orIgnoresBitsThatAreNoTaintFlag() {
        taints.or(1L << 20 | 1L << 63 | 1L << 19);
        assertEquals(1L << 19, taints.mask());
        taints.or(-1L);
        assertEquals((1L << 20) - 1, taints.mask());
    }

    @Test
    void warnLogsAtWarningAndTaintsW() {
        RecordingPrintk log = new RecordingPrintk();
        taints.warn(log, "%s: leaked %d objects", "hello", 3);
        assertEquals(List.of("hello: leaked 3 objects"), log.at(LogLevel.WARNING));
        assertEquals(1, log.lines().size());
        assertEquals(512, taints.mask());
    }
}
