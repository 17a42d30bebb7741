package org.modux.usr.kmod;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.modux.fs.OpenFlags;
import org.modux.kernel.module.ModuleLoader;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/**
 * A module loader for tests, keeping the files the real one keeps on a host
 * directory: /proc/modules (newest first) and /sys/module/NAME/{initstate,
 * refcnt,coresize,holders/}. A module's needs must be met by the kernel's
 * symbols (org.modux.*) or by loaded modules, which then hold it, as Linux's
 * "Used by". Every call is recorded as insmod and rmmod would show it.
 */
final class FakeKernel implements ModuleLoader {

    final List<String> calls = new ArrayList<>();
    private final Path root;
    private final Map<String, ModuleFile> loaded = new LinkedHashMap<>();
    private final Map<String, List<String>> users = new LinkedHashMap<>();

    FakeKernel(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(root.resolve("proc"));
        Files.createDirectories(root.resolve("sys/module"));
        sync();
    }

    @Override
    public String initModule(String path, byte[] image, String params, int flags) throws ErrnoException {
        calls.add("init_module " + path + " '" + params + "'" + (flags != 0 ? " flags=" + flags : ""));
        ModuleFile f;
        try {
            f = ModuleFile.read(image);
        } catch (IOException e) {
            throw new ErrnoException(Errno.ENOEXEC);
        }
        if (!f.isModule()) {
            throw new ErrnoException(Errno.ENOEXEC);
        }
        if (loaded.containsKey(f.name())) {
            throw new ErrnoException(Errno.EEXIST);
        }
        List<String> uses = new ArrayList<>();
        for (String s : f.neededSymbols()) {
            String owner = loaded.entrySet().stream().filter(e -> e.getValue().symbols().contains(s))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            if (owner == null && !s.startsWith("org.modux.")) {
                throw new ErrnoException(Errno.ENOENT);
            }
            if (owner != null && !uses.contains(owner)) {
                uses.add(owner);
            }
        }
        if (params.contains("bad=")) {
            throw new ErrnoException(Errno.EINVAL);
        }
        loaded.put(f.name(), f);
        users.put(f.name(), new ArrayList<>());
        uses.forEach(u -> users.get(u).add(0, f.name()));
        sync();
        return f.name();
    }

    @Override
    public void deleteModule(String name, int flags) throws ErrnoException {
        calls.add("delete_module " + name + (flags != OpenFlags.O_NONBLOCK ? " flags=" + flags : ""));
        if (!loaded.containsKey(name)) {
            throw new ErrnoException(Errno.ENOENT);
        }
        if (!users.get(name).isEmpty()) {
            throw new ErrnoException(Errno.EAGAIN);
        }
        loaded.remove(name);
        users.remove(name);
        users.values().forEach(u -> u.remove(name));
        sync();
    }

    Set<String> loaded() {
        return loaded.keySet();
    }

    /** Rewrites /proc/modules and /sys/module from the loaded modules. */
    private void sync() {
        try {
            Path sys = root.resolve("sys/module");
            try (Stream<Path> old = Files.walk(sys)) {
                old.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(sys)).forEach(p -> p.toFile().delete());
            }
            StringBuilder proc = new StringBuilder();
            List<String> names = new ArrayList<>(loaded.keySet());
            for (String name : names.reversed()) {
                List<String> by = users.get(name);
                proc.append(name).append(" 4096 ").append(by.size()).append(' ')
                        .append(by.isEmpty() ? "-" : String.join(",", by) + ",").append(" Live 0xffffffffc0000000\n");
                Path dir = Files.createDirectories(sys.resolve(name + "/holders"));
                Files.writeString(dir.resolveSibling("initstate"), "live\n");
                Files.writeString(dir.resolveSibling("refcnt"), by.size() + "\n");
                Files.writeString(dir.resolveSibling("coresize"), "4096\n");
                for (String u : by) {
                    Files.createFile(dir.resolve(u));
                }
            }
            Files.writeString(root.resolve("proc/modules"), proc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
