package org.modux.kernel.module.impl;

import java.util.Locale;

import org.osgi.service.metatype.AttributeDefinition;

/**
 * The types a module parameter can have (Linux: kernel/params.c, the
 * {@code param_ops_*} tables and {@code module_param} types), with Linux's parsing
 * ({@code kstrto*} with base 0, {@code kstrtobool}) and printing ({@code param_get_*}).
 * A parameter's type comes from its Metatype attribute definition: the attribute
 * type, and unsigned where the definition refuses negative values.
 */
enum ParamType {
    BOOL("bool"),
    SHORT("short"),
    USHORT("ushort"),
    INT("int"),
    UINT("uint"),
    LONG("long"),
    ULONG("ulong"),
    CHARP("charp");

    /** Linux's charp limit (kernel/params.c, {@code param_set_charp}). */
    static final int MAX_CHARP = 1024;

    private final String modinfoName;

    ParamType(String modinfoName) {
        this.modinfoName = modinfoName;
    }

    /** The type as modinfo prints it in parentheses. */
    String modinfoName() {
        return modinfoName;
    }

    /** The Java type of a value in the configuration. */
    Class<?> valueClass() {
        return switch (this) {
            case BOOL -> Boolean.class;
            case SHORT, USHORT -> Short.class;
            case INT, UINT -> Integer.class;
            case LONG, ULONG -> Long.class;
            case CHARP -> String.class;
        };
    }

    /** The value of a zeroed variable of this type; null for charp. */
    Object zero() {
        return switch (this) {
            case BOOL -> Boolean.FALSE;
            case SHORT, USHORT -> (short) 0;
            case INT, UINT -> 0;
            case LONG, ULONG -> 0L;
            case CHARP -> null;
        };
    }

    /** The type of a Metatype attribute, or null when no module parameter type fits it. */
    static ParamType of(AttributeDefinition ad) {
        boolean unsigned = refuses(ad, "-1");
        return switch (ad.getType()) {
            case AttributeDefinition.BOOLEAN -> BOOL;
            case AttributeDefinition.SHORT -> unsigned ? USHORT : SHORT;
            case AttributeDefinition.INTEGER -> unsigned ? UINT : INT;
            case AttributeDefinition.LONG -> unsigned ? ULONG : LONG;
            case AttributeDefinition.STRING -> CHARP;
            default -> null;
        };
    }

    private static boolean refuses(AttributeDefinition ad, String value) {
        String verdict = ad.validate(value);
        return verdict != null && !verdict.isEmpty();
    }

    /**
     * Parses one value as Linux's setter does.
     *
     * @return the value as a configuration property (Boolean, Short, Integer, Long, String)
     * @throws IllegalArgumentException when Linux's setter returns -EINVAL; a charp's
     *                                  length (-ENOSPC) is left to the caller
     */
    Object parse(String text) {
        return switch (this) {
            case BOOL -> kstrtobool(text);
            case SHORT -> (short) kstrtol(text, Short.MIN_VALUE, Short.MAX_VALUE);
            case USHORT -> (short) kstrtoul(text, 0xffff);
            case INT -> (int) kstrtol(text, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case UINT -> (int) kstrtoul(text, 0xffffffffL);
            case LONG -> kstrtol(text, Long.MIN_VALUE, Long.MAX_VALUE);
            case ULONG -> kstrtoul(text, -1L);
            case CHARP -> text;
        };
    }

    /** The value as {@code param_get_*} prints it (without the newline sysfs adds). */
    String format(Object value) {
        return switch (this) {
            case BOOL -> Boolean.TRUE.equals(value) ? "Y" : "N";
            case USHORT -> Integer.toString(((Number) value).intValue() & 0xffff);
            case UINT -> Integer.toUnsignedString(((Number) value).intValue());
            case ULONG -> Long.toUnsignedString(((Number) value).longValue());
            default -> String.valueOf(value);
        };
    }

    /**
     * The value as its Metatype attribute is asked to validate it. An unsigned value
     * above the signed type's maximum is held wrapped negative, which the attribute's
     * minimum of 0 would refuse; it is checked as that maximum instead, so a declared
     * maximum still refuses it and an open range takes it.
     */
    String metatypeValue(Object value) {
        if (!(value instanceof Number n) || n.longValue() >= 0) {
            return String.valueOf(value);
        }
        return switch (this) {
            case USHORT -> Short.toString(Short.MAX_VALUE);
            case UINT -> Integer.toString(Integer.MAX_VALUE);
            case ULONG -> Long.toString(Long.MAX_VALUE);
            default -> String.valueOf(value);
        };
    }

    /** {@code kstrtobool}: y/Y/t/T/1 or "on" is true, n/N/f/F/0 or "off" is false. */
    static boolean kstrtobool(String s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException(s);
        }
        switch (s.charAt(0)) {
            case 'y', 'Y', 't', 'T', '1':
                return true;
            case 'n', 'N', 'f', 'F', '0':
                return false;
            case 'o', 'O':
                if (s.length() > 1) {
                    char c = Character.toLowerCase(s.charAt(1));
                    if (c == 'n') {
                        return true;
                    }
                    if (c == 'f') {
                        return false;
                    }
                }
                throw new IllegalArgumentException(s);
            default:
                throw new IllegalArgumentException(s);
        }
    }

    /** {@code kstrtol} with base 0 ("0x" hex, leading "0" octal), bounded; one sign and one trailing newline. */
    static long kstrtol(String s, long min, long max) {
        String t = withoutNewline(s);
        boolean negative = t.startsWith("-");
        long magnitude = parseInteger(negative || t.startsWith("+") ? t.substring(1) : t, s);
        // kstrtoll's -ERANGE: a magnitude of 2^63 or more fits only -2^63.
        if (magnitude < 0 && !(negative && magnitude == Long.MIN_VALUE)) {
            throw new IllegalArgumentException(s);
        }
        long value = negative ? -magnitude : magnitude;
        if (value < min || value > max) {
            throw new IllegalArgumentException(s);
        }
        return value;
    }

    /**
     * {@code kstrtoul} with base 0: an optional '+', no '-'; the result is an unsigned
     * 64-bit value held in a long, at most {@code max} compared unsigned.
     */
    static long kstrtoul(String s, long max) {
        String t = withoutNewline(s);
        long value = parseInteger(t.startsWith("+") ? t.substring(1) : t, s);
        if (Long.compareUnsigned(value, max) > 0) {
            throw new IllegalArgumentException(s);
        }
        return value;
    }

    private static String withoutNewline(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    /** {@code _parse_integer} in the radix {@code _parse_integer_fixup_radix} picks: ASCII digits only, no sign. */
    private static long parseInteger(String t, String s) {
        boolean hex = t.toLowerCase(Locale.ROOT).startsWith("0x");
        boolean octal = !hex && t.length() > 1 && t.startsWith("0");
        int radix = hex ? 16 : octal ? 8 : 10;
        String digits = hex ? t.substring(2) : octal ? t.substring(1) : t;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c < 0x80 && Character.digit(c, radix) >= 0)) {
            throw new IllegalArgumentException(s);
        }
        try {
            return Long.parseUnsignedLong(digits, radix);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(s, e);
        }
    }
}
