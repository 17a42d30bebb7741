package org.modux.usr.kmod;

/**
 * {@code fnmatch(3)} with no flags, as kmod matches aliases and modprobe.d names:
 * '*' any run of characters ('/' included), '?' one character, {@code [...]} a set
 * with ranges, '!' or '^' negation and POSIX classes such as {@code [:digit:]}, and
 * '\' quoting the next character.
 */
public final class Fnmatch {

    private Fnmatch() {
    }

    /** Whether {@code text} matches {@code pattern}. */
    public static boolean matches(String pattern, String text) {
        return match(pattern, 0, text, 0);
    }

    private static boolean match(String p, int pi, String t, int ti) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            switch (c) {
                case '*' -> {
                    while (pi < p.length() && p.charAt(pi) == '*') {
                        pi++;
                    }
                    if (pi == p.length()) {
                        return true;
                    }
                    for (int k = ti; k <= t.length(); k++) {
                        if (match(p, pi, t, k)) {
                            return true;
                        }
                    }
                    return false;
                }
                case '?' -> {
                    if (ti >= t.length()) {
                        return false;
                    }
                    pi++;
                    ti++;
                }
                case '[' -> {
                    int end = bracketEnd(p, pi);
                    if (end < 0) {
                        // An unterminated '[' is an ordinary character.
                        if (ti >= t.length() || t.charAt(ti) != '[') {
                            return false;
                        }
                        pi++;
                        ti++;
                    } else {
                        if (ti >= t.length() || !inSet(p, pi + 1, end, t.charAt(ti))) {
                            return false;
                        }
                        pi = end + 1;
                        ti++;
                    }
                }
                case '\\' -> {
                    char lit = pi + 1 < p.length() ? p.charAt(pi + 1) : '\\';
                    if (ti >= t.length() || t.charAt(ti) != lit) {
                        return false;
                    }
                    pi += pi + 1 < p.length() ? 2 : 1;
                    ti++;
                }
                default -> {
                    if (ti >= t.length() || t.charAt(ti) != c) {
                        return false;
                    }
                    pi++;
                    ti++;
                }
            }
        }
        return ti == t.length();
    }

    /** The index of the ']' closing the set that opens at {@code open}, or -1. */
    private static int bracketEnd(String p, int open) {
        int i = open + 1;
        if (i < p.length() && (p.charAt(i) == '!' || p.charAt(i) == '^')) {
            i++;
        }
        if (i < p.length() && p.charAt(i) == ']') {
            i++;
        }
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '[' && i + 1 < p.length() && p.charAt(i + 1) == ':') {
                int close = p.indexOf(":]", i + 2);
                if (close >= 0) {
                    i = close + 2;
                    continue;
                }
            }
            if (c == '\\' && i + 1 < p.length()) {
                i += 2;
                continue;
            }
            if (c == ']') {
                return i;
            }
            i++;
        }
        return -1;
    }

    private static boolean inSet(String p, int from, int end, char c) {
        boolean negate = from < end && (p.charAt(from) == '!' || p.charAt(from) == '^');
        int i = negate ? from + 1 : from;
        boolean found = false;
        while (i < end) {
            char lo = p.charAt(i);
            if (lo == '[' && i + 1 < end && p.charAt(i + 1) == ':') {
                int close = p.indexOf(":]", i + 2);
                if (close >= 0 && close < end) {
                    found |= inClass(p.substring(i + 2, close), c);
                    i = close + 2;
                    continue;
                }
            }
            if (lo == '\\' && i + 1 < end) {
                i++;
                lo = p.charAt(i);
            }
            if (i + 2 < end && p.charAt(i + 1) == '-' && p.charAt(i + 2) != ']') {
                char hi = p.charAt(i + 2);
                if (hi == '\\' && i + 3 < end) {
                    hi = p.charAt(i + 3);
                    i++;
                }
                found |= c >= lo && c <= hi;
                i += 3;
            } else {
                found |= c == lo;
                i++;
            }
        }
        return found != negate;
    }

    private static boolean inClass(String name, char c) {
        return switch (name) {
            case "alpha" -> Character.isLetter(c) && c < 128;
            case "digit" -> c >= '0' && c <= '9';
            case "alnum" -> c < 128 && Character.isLetterOrDigit(c);
            case "upper" -> c >= 'A' && c <= 'Z';
            case "lower" -> c >= 'a' && c <= 'z';
            case "space" -> c == ' ' || (c >= '\t' && c <= '\r');
            case "blank" -> c == ' ' || c == '\t';
            case "xdigit" -> Character.digit(c, 16) >= 0 && c < 128;
            case "punct" -> c > 32 && c < 127 && !Character.isLetterOrDigit(c);
            case "print" -> c >= 32 && c < 127;
            case "graph" -> c > 32 && c < 127;
            case "cntrl" -> c < 32 || c == 127;
            default -> false;
        };
    }
}
