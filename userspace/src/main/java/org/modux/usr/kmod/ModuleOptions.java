package org.modux.usr.kmod;

import java.util.List;

/**
 * Module options given on a tool's command line (kmod: tools/opt.c,
 * {@code options_from_array}): the words joined by spaces, a value that holds a
 * space put in double quotes ({@code msg="hello world"}) unless it is quoted
 * already, so the kernel's parser reads it as one value.
 */
public final class ModuleOptions {

    private ModuleOptions() {
    }

    /** The option string for {@code args}; "" for none. */
    public static String fromArray(List<String> args) {
        StringBuilder opts = new StringBuilder();
        for (String a : args) {
            if (!opts.isEmpty()) {
                opts.append(' ');
            }
            int eq = a.indexOf('=');
            String value = eq < 0 ? null : a.substring(eq + 1);
            if (value != null && !value.startsWith("\"") && !value.startsWith("'") && value.contains(" ")) {
                opts.append(a, 0, eq + 1).append('"').append(value).append('"');
            } else {
                opts.append(a);
            }
        }
        return opts.toString();
    }
}
