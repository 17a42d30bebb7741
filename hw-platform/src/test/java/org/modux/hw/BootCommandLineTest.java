package org.modux.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class BootCommandLineTest {

    @Test
    void splitsWordsAndValues() {
        assertEquals(List.of(new BootCommandLine.Param("mem", "512M"), new BootCommandLine.Param("quiet", null),
                new BootCommandLine.Param("smp", "2")), BootCommandLine.parse("  mem=512M quiet   smp=2 "));
    }

    @Test
    void quotesProtectSpaces() {
        assertEquals(List.of(new BootCommandLine.Param("init", "/bin/sh -x"), new BootCommandLine.Param("ro", null)),
                BootCommandLine.parse("init=\"/bin/sh -x\" ro"));
    }

    @Test
    void valueOnlySplitsAtFirstEquals() {
        assertEquals(List.of(new BootCommandLine.Param("a", "b=c")), BootCommandLine.parse("a=b=c"));
    }

    @Test
    void lastValueWinsAndDashesEqualUnderscores() {
        assertEquals("3", BootCommandLine.valueOf("log-buf-len=1 log_buf_len=3", "log_buf_len"));
        assertNull(BootCommandLine.valueOf("quiet", "quiet"));
    }

    @Test
    void memparseTakesLinuxSuffixes() {
        assertEquals(256L << 20, BootCommandLine.memparse("256M"));
        assertEquals(2L << 30, BootCommandLine.memparse("2g"));
        assertEquals(4096, BootCommandLine.memparse("0x1000"));
        assertThrows(NumberFormatException.class, () -> BootCommandLine.memparse("lots"));
        assertThrows(NumberFormatException.class, () -> BootCommandLine.memparse(""));
    }
}
