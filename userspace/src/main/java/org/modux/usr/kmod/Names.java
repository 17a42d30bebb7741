package org.modux.usr.kmod;

/**
 * Module names as kmod spells them (kmod: shared/util.c, {@code modname_normalize},
 * {@code underscores}, {@code alias_normalize}): '-' and '_' are the same in a
 * module name and Linux keeps '_'; a name taken from a file stops at its first '.'.
 */
public final class Names {

    /** The extension of a module file: Modux's modules are bundles (Linux: ".ko" and its compressed forms). */
    public static final String MODULE_EXT = ".jar";

    private Names() {
    }

    /** {@code modname_normalize}: '-' becomes '_', and the name ends at the first '.'. */
    public static String modname(String name) {
        int dot = name.indexOf('.');
        return (dot < 0 ? name : name.substring(0, dot)).replace('-', '_');
    }

    /** {@code path_to_modname}: the module name a file's base name gives; null for an empty base name. */
    public static String fromPath(String path) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        return base.isEmpty() ? null : modname(base);
    }

    /** Whether {@code path} has a module file's extension ({@code path_ends_with_kmod_ext}). */
    public static boolean hasModuleExt(String path) {
        return path.length() > MODULE_EXT.length() && path.endsWith(MODULE_EXT);
    }

    /**
     * {@code underscores}: '-' becomes '_' except inside a {@code [...]} range of a
     * pattern; null when a ']' has no '[' or a '[' no ']' (modprobe.d calls that a bad line).
     */
    public static String underscores(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '-' -> out.append('_');
                case ']' -> {
                    return null;
                }
                case '[' -> {
                    int close = s.indexOf(']', i);
                    if (close < 0) {
                        return null;
                    }
                    out.append(s, i, close + 1);
                    i = close;
                }
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code alias_normalize}: as {@link #underscores}, for a name or alias given on the command line. */
    public static String alias(String s) {
        return underscores(s);
    }
}
