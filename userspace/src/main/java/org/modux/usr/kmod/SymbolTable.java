package org.modux.usr.kmod;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which module provides each symbol (package or service interface) of a module
 * tree: what modpost knows when it writes a module's {@code depends}. Read from
 * modules.symbols, or, where depmod has not run, from the modules themselves.
 * Dependencies are named as modpost names them, by their file's base name
 * ({@code crc-demo}, where the module's name is {@code crc_demo}).
 */
public final class SymbolTable {

    private static final String PREFIX = "symbol:";

    /** Symbol to module name. */
    private final Map<String, String> owners;
    /** Module name to its file's base name. */
    private final Map<String, String> fileNames;

    private SymbolTable(Map<String, String> owners, Map<String, String> fileNames) {
        this.owners = owners;
        this.fileNames = fileNames;
    }

    /** The symbols of the tree {@code index} was read from; scans {@code moduleDir} if it has no modules.symbols. */
    public static SymbolTable of(ModuleIndex index, Path moduleDir) throws IOException {
        Map<String, String> owners = new LinkedHashMap<>();
        Map<String, String> fileNames = new HashMap<>();
        if (index.hasSymbols()) {
            index.symbolEntries().forEach((pattern, module) -> {
                if (pattern.startsWith(PREFIX)) {
                    owners.put(pattern.substring(PREFIX.length()), module);
                    ModuleIndex.DepLine line = index.moddep(module);
                    fileNames.put(module, line == null ? module : baseName(line.path()));
                }
            });
        } else if (Files.isDirectory(moduleDir)) {
            for (Depmod.Entry e : Depmod.scan(moduleDir, w -> { })) {
                e.file().symbols().forEach(s -> owners.put(s, e.modname()));
                fileNames.put(e.modname(), baseName(e.relpath()));
            }
        }
        return new SymbolTable(owners, fileNames);
    }

    /** "extra/crc-demo.jar" is "crc-demo". */
    private static String baseName(String path) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        int dot = base.indexOf('.');
        return dot < 0 ? base : base.substring(0, dot);
    }

    /** The modules {@code file} needs directly, in the order of its symbols; never itself. */
    public List<String> depends(ModuleFile file) {
        List<String> out = new ArrayList<>();
        for (String s : file.neededSymbols()) {
            String owner = owners.get(s);
            String dep = owner == null || owner.equals(file.name()) ? null : fileNames.get(owner);
            if (dep != null && !out.contains(dep)) {
                out.add(dep);
            }
        }
        return out;
    }

    /** Every symbol some module of the tree provides. */
    public Set<String> symbols() {
        return owners.keySet();
    }
}
