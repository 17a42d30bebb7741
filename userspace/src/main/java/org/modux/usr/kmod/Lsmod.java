package org.modux.usr.kmod;

import java.io.IOException;
import java.util.List;

/**
 * lsmod's table (kmod: tools/lsmod.c): a header, then one row per module in
 * /proc/modules order, {@code "%-19s %8ld  %d"} for name, size and use count,
 * then the modules holding it, the first after a space and the others after commas.
 */
public final class Lsmod {

    public static final String HEADER = "Module                  Size  Used by\n";

    private Lsmod() {
    }

    /** One row: size from coresize (or /proc/modules), use count from refcnt, holders from holders/. */
    public static String row(String name, long size, int useCount, List<String> holders) {
        StringBuilder s = new StringBuilder(String.format("%-19s %8d  %d", name, size, useCount));
        char sep = ' ';
        for (String h : holders) {
            s.append(sep).append(h);
            sep = ',';
        }
        return s.append('\n').toString();
    }

    /** The whole table for what {@code loaded} shows. */
    public static String table(LoadedModules loaded) throws IOException {
        StringBuilder out = new StringBuilder(HEADER);
        for (String name : loaded.list()) {
            out.append(row(name, loaded.size(name), loaded.refcnt(name), loaded.holders(name)));
        }
        return out.toString();
    }
}
