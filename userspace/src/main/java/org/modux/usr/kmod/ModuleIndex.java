package org.modux.usr.kmod;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The indexes depmod wrote in a module directory, read as libkmod reads its
 * indexes (kmod: libkmod/libkmod.c, {@code kmod_search_moddep},
 * {@code kmod_lookup_alias_from_aliases_file}, {@code ..._symbols_file}):
 * modules.dep by module name (the name its path gives), modules.alias and
 * modules.symbols by fnmatch of their patterns. A missing index reads as empty.
 */
public final class ModuleIndex {

    /** A modules.dep line: the module's absolute path and its dependencies', deepest last. */
    public record DepLine(String path, List<String> deps) {
    }

    private final String dirname;
    private final Map<String, DepLine> dep = new LinkedHashMap<>();
    private final List<String[]> aliases = new ArrayList<>();
    private final List<String[]> symbols = new ArrayList<>();
    private final boolean hasSymbols;

    /**
     * Reads the indexes of {@code dir}.
     *
     * @param dirname the directory's absolute path as tools print it (/lib/modules/RELEASE)
     */
    public ModuleIndex(Path dir, String dirname) throws IOException {
        this.dirname = dirname;
        for (String line : lines(dir.resolve("modules.dep"))) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String path = absolute(line.substring(0, colon));
            List<String> deps = new ArrayList<>();
            for (String d : line.substring(colon + 1).strip().split("[ \t]+")) {
                if (!d.isEmpty()) {
                    deps.add(absolute(d));
                }
            }
            dep.putIfAbsent(Names.fromPath(path), new DepLine(path, List.copyOf(deps)));
        }
        readAliases(lines(dir.resolve("modules.alias")), aliases);
        List<String> symbolLines = lines(dir.resolve("modules.symbols"));
        hasSymbols = Files.exists(dir.resolve("modules.symbols"));
        readAliases(symbolLines, symbols);
    }

    /** "alias PATTERN MODULE" lines; the pattern normalized as depmod keys its binary index ({@code alias_normalize}). */
    private static void readAliases(List<String> lines, List<String[]> into) {
        for (String line : lines) {
            String[] w = line.strip().split("[ \t]+");
            String pattern = w.length == 3 && w[0].equals("alias") ? Names.alias(w[1]) : null;
            if (pattern != null) {
                into.add(new String[] {pattern, w[2]});
            }
        }
    }

    private static List<String> lines(Path file) throws IOException {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    private String absolute(String relpath) {
        return relpath.startsWith("/") ? relpath : dirname + "/" + relpath;
    }

    /** The module directory as tools print it. */
    public String dirname() {
        return dirname;
    }

    /** The modules.dep line of module {@code name}, or null. */
    public DepLine moddep(String name) {
        return dep.get(name);
    }

    /** Module names whose modules.alias pattern matches {@code name}, in file order. */
    public List<String> alias(String name) {
        return match(aliases, name);
    }

    /** Module names providing {@code symbol} ("symbol:NAME" in modules.symbols). */
    public List<String> symbol(String name) {
        return match(symbols, name);
    }

    /** The modules.alias lines as pattern to module, in file order. */
    public Map<String, String> aliasEntries() {
        Map<String, String> out = new LinkedHashMap<>();
        aliases.forEach(a -> out.put(a[0], a[1]));
        return out;
    }

    /** The modules.symbols lines as pattern to module, in file order. */
    public Map<String, String> symbolEntries() {
        Map<String, String> out = new LinkedHashMap<>();
        symbols.forEach(a -> out.put(a[0], a[1]));
        return out;
    }

    /** Whether depmod wrote modules.symbols. */
    public boolean hasSymbols() {
        return hasSymbols;
    }

    private static List<String> match(List<String[]> table, String name) {
        List<String> out = new ArrayList<>();
        for (String[] a : table) {
            if (Fnmatch.matches(a[0], name) && !out.contains(a[1])) {
                out.add(a[1]);
            }
        }
        return out;
    }
}
