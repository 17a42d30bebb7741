package org.modux.usr.kmod;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which module provides each symbol (package or service interface) of a module
 * tree: what modpost knows when it writes a module's {@code depends}. Read from
 * modules.symbols, or, where depmod has not run, from the modules themselves.
 */
public final class SymbolTable {

    private static final String PREFIX = "symbol:";

    private final Map<String, String> owners;

    private SymbolTable(Map<String, String> owners) {
        this.owners = owners;
    }

    /** The symbols of the tree {@code index} was read from; scans {@code moduleDir} if it has no modules.symbols. */
    public static SymbolTable of(ModuleIndex index, Path moduleDir) throws IOException {
        Map<String, String> owners = new LinkedHashMap<>();
        if (index.hasSymbols()) {
            index.symbolEntries().forEach((pattern, module) -> {
                if (pattern.startsWith(PREFIX)) {
                    owners.put(pattern.substring(PREFIX.length()), module);
                }
            });
        } else if (Files.isDirectory(moduleDir)) {
            for (Depmod.Entry e : Depmod.scan(moduleDir, w -> { })) {
                e.file().symbols().forEach(s -> owners.put(s, e.modname()));
            }
        }
        return new SymbolTable(owners);
    }

    /** The modules {@code file} needs directly, in the order of its symbols; never itself. */
    public List<String> depends(ModuleFile file) {
        List<String> out = new ArrayList<>();
        for (String s : file.neededSymbols()) {
            String owner = owners.get(s);
            if (owner != null && !owner.equals(file.name()) && !out.contains(owner)) {
                out.add(owner);
            }
        }
        return out;
    }

    /** Every symbol some module of the tree provides. */
    public Set<String> symbols() {
        return owners.keySet();
    }
}
