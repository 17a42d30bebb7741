package org.modux.usr.procps;

import java.util.List;
import java.util.Locale;

/**
 * Signal names and numbers as procps-ng converts them for kill (procps-ng 4.0.2:
 * local/signals.c, {@code signal_name_to_number}, {@code strtosig},
 * {@code unix_print_signals}, {@code pretty_print_signals}). The names are Linux's 31
 * classic signals with include/uapi/asm-generic/signal.h's numbers, which RISC-V
 * and x86 share; real-time signals are RTMIN+N from glibc's SIGRTMIN.
 */
final class SignalNames {

    /** glibc's SIGRTMIN: the kernel's first two real-time signals are kept for its threads. */
    static final int SIGRTMIN = 34;

    /** A row of {@code sigtable}. */
    private record Sig(String name, int number) {
    }

    /** {@code sigtable}, in name order as procps keeps it for its binary search. */
    private static final List<Sig> TABLE = List.of(
            new Sig("ABRT", 6), new Sig("ALRM", 14), new Sig("BUS", 7), new Sig("CHLD", 17),
            new Sig("CONT", 18), new Sig("FPE", 8), new Sig("HUP", 1), new Sig("ILL", 4),
            new Sig("INT", 2), new Sig("KILL", 9), new Sig("PIPE", 13), new Sig("POLL", 29),
            new Sig("PROF", 27), new Sig("PWR", 30), new Sig("QUIT", 3), new Sig("SEGV", 11),
            new Sig("STKFLT", 16), new Sig("STOP", 19), new Sig("SYS", 31), new Sig("TERM", 15),
            new Sig("TRAP", 5), new Sig("TSTP", 20), new Sig("TTIN", 21), new Sig("TTOU", 22),
            new Sig("URG", 23), new Sig("USR1", 10), new Sig("USR2", 12), new Sig("VTALRM", 26),
            new Sig("WINCH", 28), new Sig("XCPU", 24), new Sig("XFSZ", 25));

    private SignalNames() {
    }

    /**
     * {@code signal_name_to_number}: a name with or without "SIG" in any case, the
     * aliases CLD, IO and IOT, RTMIN, RTMIN+N, EXIT and NULL (0), or a number; -1 for
     * anything else, or for a number that would pass 127 above SIGRTMIN.
     */
    static int number(String name) {
        String n = name.regionMatches(true, 0, "SIG", 0, 3) ? name.substring(3) : name;
        switch (n.toUpperCase(Locale.ROOT)) {
            case "CLD":
                return 17;
            case "IO":
                return 29;
            case "IOT":
                return 6;
            case "RTMIN":
                return SIGRTMIN;
            case "EXIT", "NULL":
                return 0;
            default:
                break;
        }
        for (Sig s : TABLE) {
            if (s.name().equalsIgnoreCase(n)) {
                return s.number();
            }
        }
        int offset = 0;
        if (n.regionMatches(true, 0, "RTMIN+", 0, 6)) {
            n = n.substring(6);
            offset = SIGRTMIN;
        }
        long val;
        try {
            val = Strtol.parse(n);
        } catch (NumberFormatException | ArithmeticException e) {
            return -1;
        }
        return val < 0 || val + SIGRTMIN > 127 ? -1 : (int) val + offset;
    }

    /** The name of a signal of the table, without "SIG"; null for any other number. */
    static String name(int number) {
        for (Sig s : TABLE) {
            if (s.number() == number) {
                return s.name();
            }
        }
        return null;
    }

    /**
     * {@code strtosig}, for {@code kill -l ARG}: a number's name, or a name's number
     * (in any case, with or without "SIG"); null when the table has neither. A name
     * that starts with a digit must be all digits, and 0 is taken for a name.
     */
    static String convert(String s) {
        String p = s.toUpperCase(Locale.ROOT);
        if (p.startsWith("SIG")) {
            p = p.substring(3);
        }
        int number = 0;
        if (!p.isEmpty() && Character.isDigit(p.charAt(0))) {
            try {
                number = (int) Strtol.parse(s);
            } catch (NumberFormatException | ArithmeticException e) {
                return null;
            }
        }
        if (number != 0) {
            return name(number);
        }
        for (Sig sig : TABLE) {
            if (sig.name().equals(p)) {
                return Integer.toString(sig.number());
            }
        }
        return null;
    }

    /** {@code unix_print_signals}, for {@code kill -l}: the names on lines that wrap after column 73. */
    static String list() {
        StringBuilder out = new StringBuilder();
        int pos = 0;
        for (int i = 1; i <= TABLE.size(); i++) {
            if (i > 1) {
                if (pos > 73) {
                    out.append('\n');
                    pos = 0;
                } else {
                    out.append(' ');
                    pos++;
                }
            }
            String name = name(i);
            out.append(name);
            pos += name.length();
        }
        return out.append('\n').toString();
    }

    /** {@code pretty_print_signals}, for {@code kill -L}: "%2d NAME" in 11 columns, seven to a line. */
    static String table() {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i <= TABLE.size(); i++) {
            String cell = String.format("%2d %s", i, name(i));
            out.append(cell).append(i % 7 != 0 ? " ".repeat(Math.max(0, 11 - cell.length())) : "\n");
        }
        if (TABLE.size() % 7 != 0) {
            out.append('\n');
        }
        return out.toString();
    }
}
