package org.modux.usr.procps;

/**
 * C's {@code strtol(3)} in base 10 as procps checks it (procps: include/strutils.h,
 * {@code strtol_or_err}): white space, an optional sign, then digits up to the end
 * of the string.
 */
final class Strtol {

    private Strtol() {
    }

    /**
     * The number in {@code s}.
     *
     * @throws NumberFormatException when {@code s} is not one (empty, no digits, or
     *         something after them)
     * @throws ArithmeticException when it does not fit a long (ERANGE)
     */
    static long parse(String s) {
        String t = s.stripLeading();
        if (!t.matches("[+-]?[0-9]+")) {
            throw new NumberFormatException(s);
        }
        try {
            return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            throw new ArithmeticException(s);
        }
    }
}
