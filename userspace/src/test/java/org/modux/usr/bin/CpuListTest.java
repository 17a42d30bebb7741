package org.modux.usr.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.BitSet;

import org.junit.jupiter.api.Test;

/** util-linux's CPU masks and lists. */
class CpuListTest {

    private static BitSet cpus(int... ids) {
        BitSet s = new BitSet();
        for (int id : ids) {
            s.set(id);
        }
        return s;
    }

    @Test
    void masksAreHexWithoutLeadingZeros() {
        assertEquals("3", CpuList.mask(cpus(0, 1)));
        assertEquals("2", CpuList.mask(cpus(1)));
        assertEquals("10000000000000001", CpuList.mask(cpus(0, 64)));
        assertEquals(cpus(0, 1), CpuList.parseMask("0x3"));
        assertEquals(cpus(4), CpuList.parseMask("10"));
        assertNull(CpuList.parseMask("xyz"));
    }

    @Test
    void listsJoinRuns() {
        assertEquals("0-1", CpuList.list(cpus(0, 1)));
        assertEquals("0,2-4,7", CpuList.list(cpus(0, 2, 3, 4, 7)));
        assertEquals(cpus(0, 2, 3, 4, 7), CpuList.parseList("0,2-4,7"));
        assertEquals(cpus(0, 2, 4), CpuList.parseList("0-4:2"));
        assertNull(CpuList.parseList("3-1"));
        assertNull(CpuList.parseList("a"));
    }
}
