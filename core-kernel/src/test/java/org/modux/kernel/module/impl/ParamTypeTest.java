package org.modux.kernel.module.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Module parameter values parsed as kernel/params.c's setters parse them and printed as its getters print them. */
class ParamTypeTest {

    @Test
    void kstrtoboolTakesTheFirstLetterAndOnOff() {
        for (String yes : new String[] {"y", "Y", "t", "T", "1", "on", "ON", "yes", "true"}) {
            assertTrue(ParamType.kstrtobool(yes), yes);
        }
        for (String no : new String[] {"n", "N", "f", "F", "0", "off", "oFF", "no", "false"}) {
            assertFalse(ParamType.kstrtobool(no), no);
        }
    }

    @Test
    void kstrtoboolRefusesAnythingElse() {
        for (String bad : new String[] {"x", "", "o", "ok", "2", " y"}) {
            assertThrows(IllegalArgumentException.class, () -> ParamType.kstrtobool(bad), bad);
        }
    }

    @Test
    void kstrtolWithBaseZeroReadsHexOctalAndDecimal() {
        assertEquals(31, ParamType.kstrtol("0x1f", Long.MIN_VALUE, Long.MAX_VALUE));
        assertEquals(31, ParamType.kstrtol("0X1F", Long.MIN_VALUE, Long.MAX_VALUE));
        assertEquals(15, ParamType.kstrtol("017", Long.MIN_VALUE, Long.MAX_VALUE));
        assertEquals(0, ParamType.kstrtol("0", Long.MIN_VALUE, Long.MAX_VALUE));
        assertEquals(-5, ParamType.kstrtol("-5", Long.MIN_VALUE, Long.MAX_VALUE));
        assertEquals(5, ParamType.kstrtol("+5", Long.MIN_VALUE, Long.MAX_VALUE));
        assertEquals(-16, ParamType.kstrtol("-0x10", Long.MIN_VALUE, Long.MAX_VALUE));
    }

    @Test
    void kstrtolTakesOneTrailingNewline() {
        assertEquals(42, ParamType.kstrtol("42\n", Long.MIN_VALUE, Long.MAX_VALUE));
        assertEquals(42L, ParamType.ULONG.parse("42\n"));
    }

    @Test
    void kstrtolRefusesJunkAndOverflow() {
        for (String bad : new String[] {"12abc", "", "\n", "-", "+", "0x", "08", "1 ", " 1", "1.0",
                "9223372036854775808", "0x10000000000000000"}) {
            assertThrows(IllegalArgumentException.class,
                    () -> ParamType.kstrtol(bad, Long.MIN_VALUE, Long.MAX_VALUE), bad);
        }
    }

    @Test
    void kstrtolTakesOneSignOneNewlineAndAsciiDigitsOnly() {
        for (String bad : new String[] {"-+5", "+-5", "++5", "5\n\n", "\u0663", "0x\u0663"}) {
            assertThrows(IllegalArgumentException.class,
                    () -> ParamType.kstrtol(bad, Long.MIN_VALUE, Long.MAX_VALUE), bad);
            assertThrows(IllegalArgumentException.class, () -> ParamType.ULONG.parse(bad), bad);
        }
    }

    @Test
    void kstrtolTakesTheSmallestLong() {
        assertEquals(Long.MIN_VALUE, ParamType.kstrtol("-9223372036854775808", Long.MIN_VALUE, Long.MAX_VALUE));
        assertEquals(Long.MIN_VALUE, ParamType.LONG.parse("-0x8000000000000000"));
        assertThrows(IllegalArgumentException.class, () -> ParamType.LONG.parse("-9223372036854775809"));
    }

    @Test
    void kstrtolRefusesValuesOutOfTheTypesRange() {
        assertThrows(IllegalArgumentException.class, () -> ParamType.INT.parse("2147483648"));
        assertThrows(IllegalArgumentException.class, () -> ParamType.SHORT.parse("-32769"));
        assertEquals(Integer.MIN_VALUE, ParamType.INT.parse("-2147483648"));
        assertEquals((short) 32767, ParamType.SHORT.parse("0x7fff"));
    }

    @Test
    void unsignedTypesRefuseNegativeValues() {
        for (ParamType type : new ParamType[] {ParamType.USHORT, ParamType.UINT, ParamType.ULONG}) {
            assertThrows(IllegalArgumentException.class, () -> type.parse("-1"), type.name());
            assertThrows(IllegalArgumentException.class, () -> type.parse("-0"), type.name());
            assertEquals(7L, ((Number) type.parse("+7")).longValue(), type.name());
        }
        assertThrows(IllegalArgumentException.class, () -> ParamType.UINT.parse("4294967296"));
        assertThrows(IllegalArgumentException.class, () -> ParamType.USHORT.parse("65536"));
    }

    @Test
    void unsignedValuesRoundTripThroughTheirSignedJavaType() {
        assertEquals("4294967295", ParamType.UINT.format(ParamType.UINT.parse("4294967295")));
        assertEquals("4294967295", ParamType.UINT.format(ParamType.UINT.parse("0xffffffff")));
        assertEquals("65535", ParamType.USHORT.format(ParamType.USHORT.parse("65535")));
        assertEquals("18446744073709551615", ParamType.ULONG.format(ParamType.ULONG.parse("18446744073709551615")));
        assertEquals("18446744073709551615", ParamType.ULONG.format(-1L));
    }

    @Test
    void formatPrintsAsParamGetDoes() {
        assertEquals("Y", ParamType.BOOL.format(true));
        assertEquals("N", ParamType.BOOL.format(false));
        assertEquals("-5", ParamType.INT.format(-5));
        assertEquals("-5", ParamType.LONG.format(-5L));
        assertEquals("-5", ParamType.SHORT.format((short) -5));
        assertEquals("world", ParamType.CHARP.format("world"));
    }

    @Test
    void boolParsesAsKstrtoboolAndCharpTakesTheTextAsIs() {
        assertEquals(Boolean.TRUE, ParamType.BOOL.parse("on"));
        assertEquals(Boolean.FALSE, ParamType.BOOL.parse("N"));
        assertEquals(" a b ", ParamType.CHARP.parse(" a b "));
    }

    @Test
    void modinfoNamesAreLinuxTypeNames() {
        assertEquals("bool short ushort int uint long ulong charp", String.join(" ",
                java.util.Arrays.stream(ParamType.values()).map(ParamType::modinfoName).toList()));
    }
}
