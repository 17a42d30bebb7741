package org.modux.usr.bin;

import java.util.BitSet;

/** CPU sets as util-linux reads and writes them: hex masks ("3") and lists ("0-1,3"). */
final class CpuList {

    private CpuList() {
    }

    /** {@code cpumask_create}: the mask in hex, no leading zeros. */
    static String mask(BitSet cpus) {
        long[] words = cpus.toLongArray();
        if (words.length == 0) {
            return "0";
        }
        StringBuilder s = new StringBuilder(Long.toHexString(words[words.length - 1]));
        for (int i = words.length - 2; i >= 0; i--) {
            s.append(String.format("%016x", words[i]));
        }
        return s.toString();
    }

    /** {@code cpulist_create}: runs of CPUs as "a-b", joined by commas. */
    static String list(BitSet cpus) {
        StringBuilder s = new StringBuilder();
        for (int i = cpus.nextSetBit(0); i >= 0; ) {
            int end = cpus.nextClearBit(i) - 1;
            if (!s.isEmpty()) {
                s.append(',');
            }
            s.append(i);
            if (end > i) {
                s.append('-').append(end);
            }
            i = cpus.nextSetBit(end + 1);
        }
        return s.toString();
    }

    /** {@code cpumask_parse}: a hex mask, "0x" allowed; null if it is not one. */
    static BitSet parseMask(String text) {
        String hex = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        if (hex.isEmpty() || !hex.matches("[0-9a-fA-F]+")) {
            return null;
        }
        BitSet cpus = new BitSet();
        for (int i = 0; i < hex.length(); i++) {
            int nibble = Character.digit(hex.charAt(hex.length() - 1 - i), 16);
            for (int b = 0; b < 4; b++) {
                if ((nibble & (1 << b)) != 0) {
                    cpus.set(i * 4 + b);
                }
            }
        }
        return cpus;
    }

    /** {@code cpulist_parse}: "0-2,5", with an optional ":stride" on ranges; null if it is not one. */
    static BitSet parseList(String text) {
        BitSet cpus = new BitSet();
        for (String part : text.split(",", -1)) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(?:-(\\d+)(?::(\\d+))?)?").matcher(part);
            if (!m.matches()) {
                return null;
            }
            int a = Integer.parseInt(m.group(1));
            int b = m.group(2) == null ? a : Integer.parseInt(m.group(2));
            int stride = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
            if (b < a || stride < 1) {
                return null;
            }
            for (int c = a; c <= b; c += stride) {
                cpus.set(c);
            }
        }
        return cpus;
    }
}
