package org.modux.usr.kmod;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** fnmatch(3) without flags, as kmod matches alias patterns. */
class FnmatchTest {

    @Test
    void starAndQuestionMark() {
        assertTrue(Fnmatch.matches("pci:v00008086d*sv*sd*bc*sc*i*", "pci:v00008086d0000100Esv00008086sd00001000bc02sc00i00"));
        assertFalse(Fnmatch.matches("pci:v00008086d*", "pci:v000010ECd00008139"));
        assertTrue(Fnmatch.matches("char-major-10-*", "char-major-10-130"));
        assertTrue(Fnmatch.matches("*", ""));
        assertTrue(Fnmatch.matches("a?c", "abc"));
        assertFalse(Fnmatch.matches("a?c", "ac"));
        assertTrue(Fnmatch.matches("a*/b", "a/x/b"), "no FNM_PATHNAME: '*' crosses '/'");
    }

    @Test
    void bracketSets() {
        assertTrue(Fnmatch.matches("eth[0-9]", "eth3"));
        assertFalse(Fnmatch.matches("eth[0-9]", "ethx"));
        assertTrue(Fnmatch.matches("x[!a-c]", "xd"));
        assertFalse(Fnmatch.matches("x[^a-c]", "xb"));
        assertTrue(Fnmatch.matches("[]]", "]"), "']' first in a set is literal");
        assertTrue(Fnmatch.matches("a[[:digit:]]", "a7"));
        assertFalse(Fnmatch.matches("a[[:digit:]]", "ab"));
        assertTrue(Fnmatch.matches("a[", "a["), "an unterminated '[' is literal");
    }

    @Test
    void backslashQuotes() {
        assertTrue(Fnmatch.matches("a\\*", "a*"));
        assertFalse(Fnmatch.matches("a\\*", "ab"));
    }
}
