package org.modux.usr.kmod;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.modux.uapi.Errno;

/**
 * What the running kernel says about its modules, read as libkmod reads it
 * (kmod: libkmod/libkmod-module.c): the list from /proc/modules, and per module
 * /sys/module/NAME/{initstate,refcnt,coresize,holders/}.
 */
public final class LoadedModules {

    /** {@code enum kmod_module_initstate} without builtin: Modux has no built-in modules. */
    public enum Initstate { LIVE, COMING, GOING }

    private final Path root;

    /** @param root the filesystem root the tool sees (/proc and /sys below it) */
    public LoadedModules(Path root) {
        this.root = root;
    }

    private Path sys(String name) {
        return root.resolve("sys/module/" + name);
    }

    /**
     * {@code kmod_module_new_from_loaded}: the first word of each /proc/modules line, newest first.
     *
     * @throws IOException when /proc/modules cannot be read
     */
    public List<String> list() throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("proc/modules"), StandardCharsets.UTF_8)) {
            String[] w = line.strip().split("[ \t]+", 2);
            if (!w[0].isEmpty()) {
                names.add(w[0]);
            }
        }
        return names;
    }

    /**
     * {@code kmod_module_get_initstate}: from initstate; a directory without it is
     * a module still coming; null when the module is not loaded.
     */
    public Initstate initstate(String name) {
        try {
            String s = Files.readString(sys(name).resolve("initstate"), StandardCharsets.UTF_8);
            return switch (s) {
                case "live\n" -> Initstate.LIVE;
                case "coming\n" -> Initstate.COMING;
                case "going\n" -> Initstate.GOING;
                default -> null;
            };
        } catch (IOException e) {
            return Files.isDirectory(sys(name)) ? Initstate.COMING : null;
        }
    }

    /** {@code kmod_module_get_refcnt}: the use count, or -errno when refcnt cannot be read. */
    public int refcnt(String name) {
        try {
            return Integer.parseInt(Files.readString(sys(name).resolve("refcnt"), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return -Errnos.of(e).number();
        } catch (NumberFormatException e) {
            return -Errno.EINVAL.number();
        }
    }

    /**
     * {@code kmod_module_get_size}: coresize, else the second column of its
     * /proc/modules line; -errno when the module is not there.
     */
    public long size(String name) {
        if (!Files.isDirectory(sys(name))) {
            return -Errno.ENOENT.number();
        }
        try {
            return Long.parseLong(Files.readString(sys(name).resolve("coresize"), StandardCharsets.UTF_8).strip());
        } catch (IOException | NumberFormatException e) {
            try {
                for (String line : Files.readAllLines(root.resolve("proc/modules"), StandardCharsets.UTF_8)) {
                    String[] w = line.strip().split("[ \t]+");
                    if (w.length > 1 && w[0].equals(name)) {
                        return Long.parseLong(w[1]);
                    }
                }
            } catch (IOException | NumberFormatException ignored) {
                // Neither source knows the size.
            }
            return -Errno.ENOENT.number();
        }
    }

    /** {@code kmod_module_get_holders}: the entries of holders/, in directory order; empty when unreadable. */
    public List<String> holders(String name) {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> d = Files.newDirectoryStream(sys(name).resolve("holders"))) {
            for (Path p : d) {
                out.add(p.getFileName().toString());
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }
}
