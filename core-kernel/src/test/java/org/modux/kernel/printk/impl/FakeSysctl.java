package org.modux.kernel.printk.impl;

import java.util.HashMap;
import java.util.Map;

import org.modux.kernel.sysctl.CtlTable;
import org.modux.kernel.sysctl.Sysctl;

/** A sysctl registry that keeps the tables it is given, by path under /proc/sys. */
final class FakeSysctl implements Sysctl {

    final Map<String, CtlTable> tables = new HashMap<>();

    @Override
    public Registration register(String path, CtlTable... table) {
        for (CtlTable t : table) {
            tables.put(path + "/" + t.procname(), t);
        }
        return () -> {
            for (CtlTable t : table) {
                tables.remove(path + "/" + t.procname());
            }
        };
    }
}
