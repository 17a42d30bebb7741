package org.modux.kernel.sysctl;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/**
 * One sysctl (Linux: {@code struct ctl_table}): its file name under the registered
 * directory, its mode, and its handler. The factories are Linux's common handlers.
 */
public record CtlTable(String procname, int mode, ProcHandler handler) {

    /** What {@link #parseInt} takes: decimal, 0x-prefixed hexadecimal or 0-prefixed octal, maybe negative. */
    private static final Pattern NUMBER = Pattern.compile("-?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)");

    /**
     * {@code proc_dointvec_minmax} over a vector of ints: the file shows them separated
     * by tabs; a write gives one or more whitespace-separated numbers (decimal, or
     * 0x/0 prefixed as {@code strtoul} with base 0 reads them) for the leading
     * elements. Any value outside {@code [min, max]} or not a number fails with EINVAL
     * before anything is stored.
     */
    public static CtlTable intVec(String procname, int mode, AtomicIntegerArray values, int min, int max) {
        return new CtlTable(procname, mode, new ProcHandler() {
            @Override
            public String read() {
                StringBuilder s = new StringBuilder();
                for (int i = 0; i < values.length(); i++) {
                    if (i > 0) {
                        s.append('\t');
                    }
                    s.append(values.get(i));
                }
                return s.toString();
            }

            @Override
            public void write(String text) throws ErrnoException {
                String[] words = text.strip().split("\\s+");
                if (words.length == 0 || words[0].isEmpty() || words.length > values.length()) {
                    throw new ErrnoException(Errno.EINVAL);
                }
                int[] parsed = new int[words.length];
                for (int i = 0; i < words.length; i++) {
                    parsed[i] = parseInt(words[i], min, max);
                }
                for (int i = 0; i < parsed.length; i++) {
                    values.set(i, parsed[i]);
                }
            }
        });
    }

    /** {@code proc_dointvec_minmax} for a single int. */
    public static CtlTable intValue(String procname, int mode, AtomicIntegerArray holder, int min, int max) {
        if (holder.length() != 1) {
            throw new IllegalArgumentException("intValue takes a one-element array");
        }
        return intVec(procname, mode, holder, min, max);
    }

    /**
     * {@code proc_dostring}: the value is the first line written, at most
     * {@code maxlen - 1} characters (Linux truncates; here a longer value is EINVAL so
     * that a write never stores something other than what was asked).
     */
    public static CtlTable string(String procname, int mode, AtomicReference<String> value, int maxlen) {
        return new CtlTable(procname, mode, new ProcHandler() {
            @Override
            public String read() {
                return value.get();
            }

            @Override
            public void write(String text) throws ErrnoException {
                int newline = text.indexOf('\n');
                String line = newline < 0 ? text : text.substring(0, newline);
                if (line.length() >= maxlen) {
                    throw new ErrnoException(Errno.EINVAL);
                }
                value.set(line);
            }
        });
    }

    /** A read-only value computed on each read. */
    public static CtlTable readOnly(String procname, java.util.function.Supplier<String> value) {
        return new CtlTable(procname, 0444, new ProcHandler() {
            @Override
            public String read() {
                return value.get();
            }

            @Override
            public void write(String text) throws ErrnoException {
                throw new ErrnoException(Errno.EACCES);
            }
        });
    }

    /**
     * Parses one integer as the kernel's {@code proc_get_long} does, range-checked: an
     * optional '-', then digits as {@code strtoul} with base 0 reads them, and nothing else.
     */
    static int parseInt(String word, int min, int max) throws ErrnoException {
        if (!NUMBER.matcher(word).matches()) {
            // Java's parsers would also take a sign after the '-' or the 0x.
            throw new ErrnoException(Errno.EINVAL);
        }
        try {
            boolean negative = word.startsWith("-");
            String digits = negative ? word.substring(1) : word;
            long v;
            if (digits.startsWith("0x") || digits.startsWith("0X")) {
                v = Long.parseLong(digits.substring(2), 16);
            } else if (digits.length() > 1 && digits.startsWith("0")) {
                v = Long.parseLong(digits.substring(1), 8);
            } else {
                v = Long.parseLong(digits);
            }
            v = negative ? -v : v;
            if (v < min || v > max) {
                throw new ErrnoException(Errno.EINVAL);
            }
            return (int) v;
        } catch (NumberFormatException e) {
            throw new ErrnoException(Errno.EINVAL);
        }
    }
}
