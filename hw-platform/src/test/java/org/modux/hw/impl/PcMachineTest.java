package org.modux.hw.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.modux.hw.MemoryRegion;

class PcMachineTest {

    @Test
    void sizesFromCommandLineWithDefaults() {
        assertEquals(1, PcMachine.cpusFrom(""));
        assertEquals(4, PcMachine.cpusFrom("smp=4"));
        assertEquals(1, PcMachine.cpusFrom("smp=zero"));
        assertEquals(1, PcMachine.cpusFrom("smp=0"));
        assertEquals(PcMachine.DEFAULT_MEM, PcMachine.memoryFrom("mem=junk"));
        assertEquals(512L << 20, PcMachine.memoryFrom("mem=512M"));
        assertEquals(PcMachine.DEFAULT_MEM, PcMachine.memoryFrom("mem=1K"));
    }

    @Test
    void layoutIsPcLike() {
        List<MemoryRegion> map = PcMachine.layout(256L << 20);
        assertEquals(new MemoryRegion(0, 0x9fbffL, MemoryRegion.Type.USABLE), map.get(0));
        assertEquals(new MemoryRegion(0x100000L, 0xfffffffL, MemoryRegion.Type.USABLE), map.get(3));
        long usable = map.stream().filter(r -> r.type() == MemoryRegion.Type.USABLE).mapToLong(MemoryRegion::size).sum();
        assertEquals((256L << 20) - 0x100000L + 0x9fc00L, usable);
    }

    @Test
    void ramAboveThePciHoleMovesOverFourGib() {
        List<MemoryRegion> map = PcMachine.layout(4L << 30);
        assertEquals(new MemoryRegion(0x100000000L, 0x13fffffffL, MemoryRegion.Type.USABLE), map.get(map.size() - 1));
    }
}
