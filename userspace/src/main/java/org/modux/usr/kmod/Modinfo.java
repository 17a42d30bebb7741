package org.modux.usr.kmod;

import java.util.ArrayList;
import java.util.List;

/**
 * modinfo's output for one module (kmod: tools/modinfo.c, {@code modinfo_do}):
 * "filename:" then each .modinfo key padded to column 16 ({@code "%s:%-*s%s"}),
 * parameters last as {@code "parm:           name:description (type)"}, each
 * parameter merged from its parm and parmtype keys and listed in reverse order of
 * first appearance. With a field ({@code -F}) only that key's values; with the
 * NUL separator ({@code -0}) keys print as {@code key=value}.
 */
public final class Modinfo {

    private Modinfo() {
    }

    private static final class Param {
        final String name;
        String desc;
        String type;

        Param(String name) {
            this.name = name;
        }
    }

    /**
     * The text modinfo prints for a module file.
     *
     * @param filename the file's absolute path
     * @param info     its .modinfo pairs in order ({@link ModuleFile#info})
     * @param field    the only key to print (values only), or null for everything
     * @param sep      '\n', or '\0' for {@code -0}
     */
    public static String format(String filename, List<String[]> info, String field, char sep) {
        StringBuilder out = new StringBuilder();
        if ("filename".equals(field)) {
            return out.append(filename).append(sep).toString();
        }
        if (field == null) {
            out.append(String.format("%-16s%s%c", "filename:", filename, sep));
        }
        if ("parm".equals(field)) {
            for (Param p : params(info)) {
                if (p.desc == null) {
                    out.append(p.name).append(": (").append(p.type).append(')').append(sep);
                } else if (p.type != null) {
                    out.append(p.name).append(':').append(p.desc).append(" (").append(p.type).append(')').append(sep);
                } else {
                    out.append(p.name).append(':').append(p.desc).append(sep);
                }
            }
            return out.toString();
        }
        for (String[] kv : info) {
            String key = kv[0];
            String value = kv[1];
            if (field != null) {
                if (field.equals(key)) {
                    out.append(value).append(sep);
                }
                continue;
            }
            if (key.equals("parm") || key.equals("parmtype")) {
                continue;
            }
            if (sep == '\0') {
                out.append(key).append('=').append(value).append(sep);
                continue;
            }
            int keylen = Math.min(key.length(), 15);
            out.append(key).append(':').append(" ".repeat(15 - keylen)).append(value).append(sep);
        }
        if (field != null) {
            return out.toString();
        }
        for (Param p : params(info)) {
            out.append(String.format("%-16s", "parm:")).append(p.name).append(':');
            if (p.desc == null) {
                out.append(p.type);
            } else if (p.type != null) {
                out.append(p.desc).append(" (").append(p.type).append(')');
            } else {
                out.append(p.desc);
            }
            out.append(sep);
        }
        return out.toString();
    }

    /** {@code process_parm} over every parm and parmtype key: merged by name, newest name first. */
    private static List<Param> params(List<String[]> info) {
        List<Param> list = new ArrayList<>();
        for (String[] kv : info) {
            boolean desc = kv[0].equals("parm");
            if (!desc && !kv[0].equals("parmtype")) {
                continue;
            }
            int colon = kv[1].indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = kv[1].substring(0, colon);
            Param p = list.stream().filter(x -> x.name.equals(name)).findFirst().orElse(null);
            if (p == null) {
                p = new Param(name);
                list.add(0, p);
            }
            if (desc) {
                p.desc = kv[1].substring(colon + 1);
            } else {
                p.type = kv[1].substring(colon + 1);
            }
        }
        return list;
    }
}
