package org.modux.hw;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a boot command line into parameters the way Linux's {@code next_arg()}
 * (lib/cmdline.c, kernel/params.c) does: words separated by spaces, each either
 * {@code name} or {@code name=value}, with double quotes protecting spaces in a
 * value ({@code name="a b"}) or around a whole word. Both the machine (which reads
 * {@code mem=} and {@code smp=}) and the kernel's parameter parser use it.
 */
public final class BootCommandLine {

    /** One parameter: {@code value} is null for a bare word such as {@code quiet}. */
    public record Param(String name, String value) {
        @Override
        public String toString() {
            if (value == null) {
                return name;
            }
            return value.indexOf(' ') >= 0 ? name + "=\"" + value + "\"" : name + "=" + value;
        }
    }

    private BootCommandLine() {
    }

    /** The parameters of {@code line}, in order. A missing closing quote ends at the line's end. */
    public static List<Param> parse(String line) {
        List<Param> params = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i == n) {
                break;
            }
            StringBuilder word = new StringBuilder();
            int equals = -1;
            boolean inQuote = false;
            for (; i < n; i++) {
                char c = line.charAt(i);
                if (c == '"') {
                    inQuote = !inQuote;
                    continue;
                }
                if (!inQuote && Character.isWhitespace(c)) {
                    break;
                }
                if (c == '=' && equals < 0 && !inQuote) {
                    equals = word.length();
                }
                word.append(c);
            }
            if (equals < 0) {
                params.add(new Param(word.toString(), null));
            } else {
                params.add(new Param(word.substring(0, equals), word.substring(equals + 1)));
            }
        }
        return params;
    }

    /**
     * The value of the last {@code name=value} parameter called {@code name}, or null.
     * As in Linux's {@code parameq()}, dashes and underscores in names are the same.
     */
    public static String valueOf(String line, String name) {
        String value = null;
        for (Param p : parse(line)) {
            if (p.value() != null && sameName(p.name(), name)) {
                value = p.value();
            }
        }
        return value;
    }

    /** Whether two parameter names are equal, treating '-' and '_' alike ({@code parameq}). */
    public static boolean sameName(String a, String b) {
        return a.replace('-', '_').equals(b.replace('-', '_'));
    }

    /**
     * Parses a size with an optional K, M, G, T, P or E suffix (powers of 1024), as
     * Linux's {@code memparse()}. Throws {@link NumberFormatException} on anything else.
     */
    public static long memparse(String text) {
        if (text.isEmpty()) {
            throw new NumberFormatException("empty size");
        }
        char last = Character.toUpperCase(text.charAt(text.length() - 1));
        int shift = switch (last) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            case 'T' -> 40;
            case 'P' -> 50;
            case 'E' -> 60;
            default -> 0;
        };
        String digits = shift == 0 ? text : text.substring(0, text.length() - 1);
        long value = Long.decode(digits);
        if (value < 0 || (shift > 0 && value > (Long.MAX_VALUE >> shift))) {
            throw new NumberFormatException("size out of range: " + text);
        }
        return value << shift;
    }
}
