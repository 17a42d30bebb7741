package org.modux.kernel.module.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Addresses in the module area: page-aligned, first fit, never overlapping, -1 when full. */
class ModuleAreaTest {

    private static final long AREA = ModuleArea.MODULES_END - ModuleArea.MODULES_VADDR;
    private final ModuleArea area = new ModuleArea();

    @Test
    void sizesAreRoundedUpToWholePages() {
        assertEquals(4096, ModuleArea.pageAlign(0));
        assertEquals(4096, ModuleArea.pageAlign(1));
        assertEquals(4096, ModuleArea.pageAlign(4096));
        assertEquals(8192, ModuleArea.pageAlign(4097));
    }

    @Test
    void theFirstModuleIsAtTheStartOfTheArea() {
        assertEquals(0xffffffffc0000000L, area.alloc(100));
        assertEquals(0xffffffffc0001000L, area.alloc(4097));
        assertEquals(0xffffffffc0003000L, area.alloc(1));
    }

    @Test
    void rangesAreDistinctAndDoNotOverlap() {
        long[] sizes = {5000, 1, 16384, 123456, 4096, 70000};
        List<long[]> ranges = new ArrayList<>();
        for (long size : sizes) {
            long start = area.alloc(size);
            assertEquals(0, start % ModuleArea.PAGE_SIZE);
            ranges.add(new long[] {start, start + ModuleArea.pageAlign(size)});
        }
        for (int i = 0; i < ranges.size(); i++) {
            for (int j = i + 1; j < ranges.size(); j++) {
                long[] a = ranges.get(i);
                long[] b = ranges.get(j);
                assertTrue(Long.compareUnsigned(a[1], b[0]) <= 0 || Long.compareUnsigned(b[1], a[0]) <= 0,
                        i + " overlaps " + j);
            }
        }
    }

    @Test
    void aFreedRangeIsReusedByTheFirstModuleThatFits() {
        long a = area.alloc(4096);
        long b = area.alloc(3 * 4096);
        long c = area.alloc(4096);
        area.free(b);

        assertEquals(c + 4096, area.alloc(4 * 4096));
        assertEquals(b, area.alloc(2 * 4096));
        assertEquals(b + 2 * 4096, area.alloc(4096));
        assertEquals(c + 5 * 4096, area.alloc(4096));
        assertEquals(ModuleArea.MODULES_VADDR, a);
    }

    @Test
    void aModuleTooBigForTheAreaGetsMinusOne() {
        assertEquals(-1, area.alloc(AREA + 1));
        assertEquals(-1, area.alloc(1L << 30));
        assertEquals(-1, area.alloc(1L << 40));
        assertEquals(-1, area.alloc(Long.MAX_VALUE));
        assertEquals(ModuleArea.MODULES_VADDR, area.alloc(4096));
    }

    @Test
    void theAreaFillsUpAndFreeingMakesRoomAgain() {
        long first = area.alloc(AREA / 2);
        long second = area.alloc(AREA / 2);
        assertEquals(ModuleArea.MODULES_VADDR, first);
        assertEquals(ModuleArea.MODULES_VADDR + AREA / 2, second);
        assertEquals(-1, area.alloc(1));

        area.free(first);
        assertEquals(-1, area.alloc(AREA / 2 + 1));
        assertEquals(first, area.alloc(4096));
    }
}
