package org.modux.usr.kmod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** kmod's name normalization: '-' is '_', a file name stops at '.', ranges keep their '-'. */
class NamesTest {

    @Test
    void moduleNames() {
        assertEquals("snd_hda_intel", Names.modname("snd-hda-intel"));
        assertEquals("hello", Names.modname("hello.jar"));
        assertEquals("my_mod", Names.fromPath("/lib/modules/0.1.0-modux/extra/my-mod.jar"));
        assertNull(Names.fromPath("/lib/"));
    }

    @Test
    void underscoresLeaveRangesAlone() {
        assertEquals("usb:v*p[0-9]_x", Names.underscores("usb:v*p[0-9]-x"));
        assertNull(Names.underscores("a]b"));
        assertNull(Names.underscores("a[b"));
        assertNull(Names.underscores(null));
    }
}
