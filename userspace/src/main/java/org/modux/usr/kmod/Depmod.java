package org.modux.usr.kmod;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * depmod's work (kmod: tools/depmod.c): finds every module below
 * /lib/modules/RELEASE, works out which modules each one needs from the symbols
 * they provide and need ({@link ModuleFile}), and writes the text indexes modprobe
 * and modinfo read: modules.dep, modules.alias, modules.softdep, modules.weakdep
 * and modules.symbols, in kmod's formats. kmod's binary .bin tries are not
 * written; Modux's tools read the text files.
 *
 * <p>Order, as kmod's: modules listed in modules.order first, in its order, then
 * the others (kmod: hash order; here: path order, so the output is stable). A
 * symbol two modules provide belongs to the later one. Dependencies are sorted by
 * kmod's topological index (modules without users first), so each modules.dep
 * line lists its direct dependency first and the deepest last, and modprobe loads
 * them from the right. Used by the {@code depmod} command and, through
 * {@link #main}, by the distribution's build.
 */
public final class Depmod {

    /** The index files in the order kmod writes them (the .bin ones left out). */
    public static final List<String> INDEXES = List.of("modules.dep", "modules.alias", "modules.softdep",
            "modules.weakdep", "modules.symbols");

    /** One module found: its path relative to the module directory, its name and its contents. */
    public record Entry(String relpath, String modname, ModuleFile file) {
    }

    private final List<Entry> modules;
    /** Direct dependencies of each module (indexes into {@link #modules}), in symbol order. */
    private final List<List<Integer>> deps = new ArrayList<>();
    private final int[] depSortIdx;
    /** Symbol to owning module, in order of first appearance. */
    private final Map<String, Integer> symbols = new LinkedHashMap<>();

    /**
     * Computes dependencies between {@code modules} (already in output order).
     *
     * @throws CycleException when modules depend on each other in a circle; nothing is written then
     */
    public Depmod(List<Entry> modules) throws CycleException {
        this.modules = List.copyOf(modules);
        for (int i = 0; i < this.modules.size(); i++) {
            for (String s : this.modules.get(i).file().symbols()) {
                symbols.put(s, i);
            }
        }
        int[] users = new int[this.modules.size()];
        for (int i = 0; i < this.modules.size(); i++) {
            Set<Integer> direct = new LinkedHashSet<>();
            for (String s : this.modules.get(i).file().neededSymbols()) {
                Integer owner = symbols.get(s);
                if (owner != null && owner != i && direct.add(owner)) {
                    users[owner]++;
                }
            }
            deps.add(List.copyOf(direct));
        }
        depSortIdx = topologicalSort(users);
    }

    /**
     * {@code depmod_calculate_dependencies}: modules without users are roots, taken
     * last-in first-out; a module gets its index when taken, and its dependencies
     * become roots once all their users have been taken.
     */
    private int[] topologicalSort(int[] users) throws CycleException {
        int n = modules.size();
        int[] idx = new int[n];
        Arrays.fill(idx, Integer.MAX_VALUE);
        int[] remaining = users.clone();
        int[] roots = new int[n];
        int nRoots = 0;
        for (int i = 0; i < n; i++) {
            if (remaining[i] == 0) {
                roots[nRoots++] = i;
            }
        }
        int sorted = 0;
        while (nRoots > 0) {
            int src = roots[--nRoots];
            idx[src] = sorted++;
            for (int dst : deps.get(src)) {
                if (--remaining[dst] == 0) {
                    roots[nRoots++] = dst;
                }
            }
        }
        if (sorted < n) {
            List<String> cycles = new ArrayList<>();
            int inCycles = cycles(idx, cycles);
            throw new CycleException(cycles, inCycles);
        }
        return idx;
    }

    /** Adds each circle among the modules left unsorted to {@code out}, as "a -> b -> a"; returns how many modules they hold. */
    private int cycles(int[] idx, List<String> out) {
        Set<Integer> reported = new LinkedHashSet<>();
        for (int start = 0; start < modules.size(); start++) {
            if (idx[start] != Integer.MAX_VALUE || reported.contains(start)) {
                continue;
            }
            List<Integer> path = new ArrayList<>();
            int cur = start;
            while (!path.contains(cur)) {
                path.add(cur);
                int next = -1;
                for (int d : deps.get(cur)) {
                    if (idx[d] == Integer.MAX_VALUE) {
                        next = d;
                        break;
                    }
                }
                cur = next;
                if (cur < 0) {
                    break;
                }
            }
            if (cur < 0) {
                continue;
            }
            List<Integer> loop = path.subList(path.indexOf(cur), path.size());
            if (loop.stream().anyMatch(reported::contains)) {
                continue;
            }
            reported.addAll(loop);
            StringBuilder s = new StringBuilder();
            for (int m : loop) {
                s.append(modules.get(m).modname()).append(" -> ");
            }
            out.add(s.append(modules.get(cur).modname()).toString());
        }
        return reported.size();
    }

    /** All modules {@code i} needs, directly or not, sorted by topological index: direct first, deepest last. */
    public List<Entry> allDependencies(int i) {
        Set<Integer> all = new LinkedHashSet<>();
        fill(i, all);
        List<Integer> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt(m -> depSortIdx[m]));
        return sorted.stream().map(modules::get).toList();
    }

    private void fill(int i, Set<Integer> all) {
        for (int d : deps.get(i)) {
            if (all.add(d)) {
                fill(d, all);
            }
        }
    }

    /** The modules, in output order. */
    public List<Entry> modules() {
        return modules;
    }

    /** The names of the modules {@code i} needs directly, in the order of its symbols (modinfo's depends). */
    public List<String> directDependencies(int i) {
        return deps.get(i).stream().map(d -> modules.get(d).modname()).toList();
    }

    /** Every symbol some module provides. */
    public Set<String> moduleSymbols() {
        return symbols.keySet();
    }

    /** {@code output_deps}: "path: dep dep", paths relative to the module directory. */
    public String modulesDep() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < modules.size(); i++) {
            out.append(modules.get(i).relpath()).append(':');
            for (Entry d : allDependencies(i)) {
                out.append(' ').append(d.relpath());
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** {@code output_aliases}. */
    public String modulesAlias() {
        StringBuilder out = new StringBuilder("# Aliases extracted from modules themselves.\n");
        for (Entry m : modules) {
            for (String a : m.file().aliases()) {
                out.append("alias ").append(a).append(' ').append(m.modname()).append('\n');
            }
        }
        return out.toString();
    }

    /** {@code output_symbols}: each package and service interface a module provides, with its module. */
    public String modulesSymbols() {
        StringBuilder out = new StringBuilder("# Aliases for symbols, used by symbol_request().\n");
        symbols.forEach((s, m) -> out.append("alias symbol:").append(s).append(' ').append(modules.get(m).modname())
                .append('\n'));
        return out.toString();
    }

    /** The contents of each index file, in {@link #INDEXES} order. */
    public Map<String, String> indexes() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("modules.dep", modulesDep());
        out.put("modules.alias", modulesAlias());
        // Modules declare no soft or weak dependencies of their own; the files exist for modprobe as kmod's do.
        out.put("modules.softdep", "# Soft dependencies extracted from modules themselves.\n");
        out.put("modules.weakdep", "# Weak dependencies extracted from modules themselves.\n");
        out.put("modules.symbols", modulesSymbols());
        return out;
    }

    /**
     * Writes the indexes into {@code dir}, each to a temporary name first and then
     * renamed over the old one (where the filesystem can rename; else in place).
     */
    public void write(Path dir) throws IOException {
        long now = System.currentTimeMillis();
        for (Map.Entry<String, String> e : indexes().entrySet()) {
            byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
            Path target = dir.resolve(e.getKey());
            Path tmp = dir.resolve(e.getKey() + "." + ProcessHandle.current().pid() + "." + (now % 1000) * 1000
                    + "." + now / 1000);
            try {
                Files.write(tmp, bytes);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (UnsupportedOperationException noRename) {
                Files.deleteIfExists(tmp);
                Files.write(target, bytes);
            }
        }
    }

    /**
     * {@code depmod_modules_search}: every *.jar below {@code moduleDir}, in path
     * order, modules.order's first; a jar that is not a module bundle is reported
     * through {@code warn} and left out, as is a second module of the same name.
     */
    public static List<Entry> scan(Path moduleDir, Consumer<String> warn) throws IOException {
        List<Path> jars;
        try (Stream<Path> files = Files.walk(moduleDir)) {
            jars = files.filter(p -> Names.hasModuleExt(p.getFileName() == null ? "" : p.getFileName().toString()))
                    .filter(Files::isRegularFile).sorted(Comparator.comparing(p -> relpath(moduleDir, p))).toList();
        }
        Map<String, Entry> byName = new LinkedHashMap<>();
        for (Path jar : jars) {
            String rel = relpath(moduleDir, jar);
            String name = Names.fromPath(rel);
            if (byName.containsKey(name)) {
                continue;
            }
            ModuleFile file;
            try {
                file = ModuleFile.read(Files.readAllBytes(jar));
            } catch (IOException e) {
                warn.accept("failed " + moduleDir + "/" + rel + ": " + Errnos.of(e).message());
                continue;
            }
            if (!file.isModule()) {
                warn.accept("failed " + moduleDir + "/" + rel + ": Exec format error");
                continue;
            }
            byName.put(name, new Entry(rel, name, file));
        }
        return order(moduleDir, byName);
    }

    /** {@code depmod_modules_sort}: modules.order's modules first, in its order. */
    private static List<Entry> order(Path moduleDir, Map<String, Entry> byName) throws IOException {
        List<String> order;
        try {
            order = Files.readAllLines(moduleDir.resolve("modules.order"), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new ArrayList<>(byName.values());
        }
        Map<String, Entry> byPath = new HashMap<>();
        byName.values().forEach(e -> byPath.put(e.relpath(), e));
        List<Entry> out = new ArrayList<>();
        for (String line : order) {
            Entry e = byPath.remove(line);
            if (e != null) {
                out.add(e);
            }
        }
        byName.values().stream().filter(e -> byPath.containsKey(e.relpath())).forEach(out::add);
        return out;
    }

    private static String relpath(Path dir, Path file) {
        StringBuilder s = new StringBuilder();
        for (Path part : dir.relativize(file)) {
            if (!s.isEmpty()) {
                s.append('/');
            }
            s.append(part);
        }
        return s.toString();
    }

    /** Modules that need each other: depmod refuses to write indexes that modprobe could not follow. */
    public static final class CycleException extends Exception {
        private static final long serialVersionUID = 1L;
        private final List<String> cycles;

        CycleException(List<String> cycles, int modules) {
            super("Found " + modules + " modules in dependency cycles!", null, false, false);
            this.cycles = cycles;
        }

        /** Each circle, "a -> b -> a". */
        public List<String> cycles() {
            return cycles;
        }
    }

    /**
     * The build's depmod ({@code depmod -b BASEDIR RELEASE}): writes the indexes of
     * BASEDIR/lib/modules/RELEASE, so a fresh distribution has them. Messages as the
     * command's; exit status 1 on a cycle or an unreadable tree.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 3 || !args[0].equals("-b")) {
            System.err.println("Usage: depmod -b BASEDIR RELEASE");
            System.exit(1);
        }
        Path dir = Path.of(args[1], "lib", "modules", args[2]);
        PrintStream err = System.err;
        try {
            Depmod d = new Depmod(scan(dir, w -> err.println("depmod: ERROR: " + w)));
            d.write(dir);
        } catch (CycleException e) {
            e.cycles().forEach(c -> err.println("depmod: ERROR: Cycle detected: " + c));
            err.println("depmod: ERROR: " + e.getMessage());
            System.exit(1);
        }
    }
}
