package org.modux.usr.kmod;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Command-line module options joined as kmod's options_from_array joins them. */
class ModuleOptionsTest {

    @Test
    void valuesWithSpacesAreQuoted() {
        assertEquals("", ModuleOptions.fromArray(List.of()));
        assertEquals("irq=9 debug", ModuleOptions.fromArray(List.of("irq=9", "debug")));
        assertEquals("msg=\"hello world\" x='a b' y=\"c d\"",
                ModuleOptions.fromArray(List.of("msg=hello world", "x='a b'", "y=\"c d\"")));
    }
}
