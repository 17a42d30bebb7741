package org.modux.usr.kmod;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.modux.fs.OpenFlags;
import org.modux.kernel.module.ModuleLoader;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/**
 * modprobe's work (kmod: tools/modprobe.c over libkmod's
 * {@code kmod_module_new_from_lookup}, {@code kmod_module_probe_insert_module}
 * and the removal in {@code rmmod_do_module}), with kmod's messages and order.
 *
 * <p>A name is looked up, in this order, in the configuration's aliases
 * (fnmatch), modules.dep (module names), modules.symbols ("symbol:" names),
 * install and remove commands, and modules.alias (fnmatch). Loading a module
 * loads its dependencies from modules.dep first, deepest first, with each
 * module's softdeps around it; modules already live are skipped. A module's
 * options are its modprobe.d {@code options} (for its name or the alias it was
 * found by, kernel command line ones last), then, for the module asked for, the
 * command line's arguments. A blacklisted module is not loaded when found through
 * an alias, nor by name with {@link Flags#useBlacklist}. Removal takes the module
 * out, then those of its dependencies nobody uses any more.
 *
 * <p>Return values follow libkmod: 0 or a positive value on success, -errno on failure.
 */
public final class Modprobe {

    /** modprobe's command-line switches. */
    public static final class Flags {
        /** -n: do nothing, only print (with -v). */
        public boolean dryRun;
        /** -v or -n -v, -D: print each action on standard output. */
        public boolean show;
        /** -D: as if nothing were loaded. */
        public boolean ignoreLoaded;
        /** --first-time: fail when already loaded (or, with -r, not loaded). */
        public boolean firstTime;
        /** -b: the blacklist applies to names too. */
        public boolean useBlacklist;
        /** -f: MODULE_INIT_IGNORE_* on load, O_TRUNC on removal. */
        public boolean force;
        /** -i: ignore install and remove commands. */
        public boolean ignoreCommands;
        /** --remove-holders: with -r, remove the modules using it first. */
        public boolean removeHolders;
        /** -R: print the resolved module names only. */
        public boolean lookupOnly;
    }

    /** Runs an install or remove command line; returns its exit status. */
    @FunctionalInterface
    public interface CommandRunner {
        int run(String moduleName, String command);
    }

    /** A module as this run knows it: kmod's {@code struct kmod_module}. */
    static final class Mod {
        final String name;
        final String alias;
        String path;
        List<Mod> deps;
        boolean visited;
        boolean required;
        boolean ignorecmd;
        String installCommands;

        Mod(String name, String alias) {
            this.name = name;
            this.alias = alias;
        }
    }

    private final Path root;
    private final ModprobeConfig config;
    private final ModuleIndex index;
    private final LoadedModules loaded;
    private final ModuleLoader loader;
    private final KmodLog log;
    private final PrintStream out;
    private final Flags flags;
    private final CommandRunner commands;
    private final Map<String, Mod> pool = new HashMap<>();

    public Modprobe(Path root, ModprobeConfig config, ModuleIndex index, ModuleLoader loader, KmodLog log,
            PrintStream out, Flags flags, CommandRunner commands) {
        this.root = root;
        this.config = config;
        this.index = index;
        this.loaded = new LoadedModules(root);
        this.loader = loader;
        this.log = log;
        this.out = out;
        this.flags = flags;
        this.commands = commands;
    }

    // ---- lookup -------------------------------------------------------------------

    private Mod module(String name, String alias) {
        return pool.computeIfAbsent(alias == null ? name : name + "\\" + alias, k -> new Mod(name, alias));
    }

    private Mod fromPath(String path) {
        Mod m = module(Names.fromPath(path), null);
        if (m.path == null) {
            m.path = path;
        }
        return m;
    }

    /**
     * {@code kmod_module_new_from_lookup}: the modules {@code given} names, from the
     * first source that knows it; empty when none does, null when it is not a
     * valid name (a stray ']').
     */
    List<Mod> lookup(String given) {
        String alias = Names.alias(given);
        if (alias == null) {
            return null;
        }
        List<Mod> list = new ArrayList<>();
        for (ModprobeConfig.Alias a : config.aliases) {
            if (Fnmatch.matches(a.pattern(), alias)) {
                list.add(module(a.modname(), a.pattern()));
            }
        }
        if (!list.isEmpty()) {
            return list;
        }
        if (alias.indexOf(':') < 0 && index.moddep(alias) != null) {
            Mod m = module(alias, null);
            loadDeps(m);
            return List.of(m);
        }
        if (alias.startsWith("symbol:")) {
            index.symbol(alias).forEach(n -> list.add(module(n, alias)));
            if (!list.isEmpty()) {
                return list;
            }
        }
        for (List<ModprobeConfig.Command> cmds : List.of(config.install, config.remove)) {
            for (ModprobeConfig.Command c : cmds) {
                if (c.modname().equals(alias)) {
                    Mod m = module(alias, null);
                    if (cmds == config.install) {
                        m.installCommands = c.command();
                    }
                    return List.of(m);
                }
            }
        }
        index.alias(alias).forEach(n -> list.add(module(n, alias)));
        return list;
    }

    /** {@code module_get_dependencies_noref}: the modules.dep line, parsed once; dependencies deepest first. */
    private List<Mod> loadDeps(Mod m) {
        if (m.deps != null) {
            return m.deps;
        }
        m.deps = new ArrayList<>();
        ModuleIndex.DepLine line = index.moddep(m.name);
        if (line != null) {
            if (m.path == null) {
                m.path = line.path();
            }
            for (String d : line.deps()) {
                m.deps.add(0, fromPath(d));
            }
        }
        return m.deps;
    }

    private String installCommand(Mod m) {
        if (m.installCommands == null) {
            m.installCommands = config.installCommand(m.name);
        }
        return m.installCommands;
    }

    private boolean inKernel(Mod m) {
        return loaded.initstate(m.name) == LoadedModules.Initstate.LIVE;
    }

    private List<Mod> softdeps(List<String> names) {
        List<Mod> out = new ArrayList<>();
        for (String n : names) {
            List<Mod> found = lookup(n);
            if (found == null) {
                log.error("failed to lookup dependency '" + n + "', continuing anyway.");
            } else {
                out.addAll(found);
            }
        }
        return out;
    }

    // ---- insertion ------------------------------------------------------------------

    /**
     * modprobe's {@code insmod}: loads what {@code alias} names (a path when it
     * starts with "/" or "./"), with {@code extraOptions} for the module itself.
     *
     * @param absolute {@code alias} made absolute against the working directory, for a path
     */
    public int insmod(String alias, String absolute, String extraOptions) {
        List<Mod> list;
        if (alias.startsWith("/") || alias.startsWith("./")) {
            try {
                Files.readAttributes(file(absolute), BasicFileAttributes.class);
            } catch (IOException e) {
                log.report("Failed to get module from path " + alias + ": " + Errnos.of(e).message());
                return -Errno.ENOENT.number();
            }
            list = List.of(fromPath(absolute));
        } else {
            list = lookup(alias);
            if (list == null || list.isEmpty()) {
                log.report("Module " + alias + " not found in directory " + index.dirname());
                return -Errno.ENOENT.number();
            }
        }
        int err = 0;
        for (Mod m : list) {
            err = insmodInsert(m, extraOptions);
        }
        return err;
    }

    private int insmodInsert(Mod mod, String extraOptions) {
        int err;
        if (flags.lookupOnly) {
            out.print(mod.name + "\n");
            err = 0;
        } else {
            err = probeInsert(mod, extraOptions);
        }
        if (err >= 0) {
            return 0;
        }
        if (err == -Errno.EEXIST.number()) {
            log.error("could not insert '" + mod.name + "': Module already in kernel");
        } else if (err == -Errno.ENOENT.number()) {
            log.error("could not insert '" + mod.name + "': Unknown symbol in module, or unknown parameter (see dmesg)");
        } else {
            log.error("could not insert '" + mod.name + "': " + message(err));
        }
        return err;
    }

    /** {@code kmod_module_probe_insert_module}. */
    int probeInsert(Mod mod, String extraOptions) {
        if (!flags.ignoreLoaded && inKernel(mod)) {
            return flags.firstTime ? -Errno.EEXIST.number() : 0;
        }
        if (config.isBlacklisted(mod.name) && (mod.alias != null || flags.useBlacklist)) {
            return 1;
        }
        for (Mod m : pool.values()) {
            m.visited = false;
            m.required = false;
        }
        List<Mod> list = new ArrayList<>();
        probeList(mod, true, flags.ignoreCommands, list);
        int err = 0;
        for (Mod m : list) {
            if (!flags.ignoreLoaded && inKernel(m)) {
                err = -Errno.EEXIST.number();
            } else {
                String options = concat(config.optionsFor(m.name, m.alias), m == mod ? extraOptions : null);
                String cmd = installCommand(m);
                if (cmd != null && !m.ignorecmd) {
                    show("install " + cmd + " " + (options == null ? "" : options));
                    if (!flags.dryRun) {
                        err = runInstall(m, cmd, options);
                    }
                } else {
                    if (m.path != null) {
                        show("insmod " + m.path + " " + (options == null ? "" : options));
                    }
                    if (!flags.dryRun) {
                        err = insert(m, options);
                    }
                }
            }
            if (err == -Errno.EEXIST.number() && m == mod && flags.firstTime) {
                break;
            }
            if (err == -Errno.EEXIST.number() || !m.required) {
                err = 0;
            } else if (err < 0) {
                break;
            }
        }
        return err;
    }

    /** {@code __kmod_module_get_probe_list}: dependencies (each with its softdeps), then the module. */
    private void probeList(Mod mod, boolean required, boolean ignorecmd, List<Mod> list) {
        if (mod.visited) {
            return;
        }
        mod.visited = true;
        List<Mod> deps = loadDeps(mod);
        if (required) {
            mod.required = true;
            deps.forEach(d -> d.required = true);
        }
        for (Mod d : deps) {
            fillSoftdep(d, list);
        }
        if (ignorecmd) {
            list.add(mod);
            mod.ignorecmd = true;
        } else {
            fillSoftdep(mod, list);
        }
    }

    /** {@code __kmod_module_fill_softdep}: pre softdeps, the module, post softdeps. */
    private void fillSoftdep(Mod mod, List<Mod> list) {
        ModprobeConfig.Softdep sd = config.softdepFor(mod.name);
        List<Mod> pre = sd == null ? List.of() : softdeps(sd.pre());
        List<Mod> post = sd == null ? List.of() : softdeps(sd.post());
        for (Mod m : pre) {
            probeList(m, false, false, list);
        }
        list.add(mod);
        mod.ignorecmd = !pre.isEmpty() || !post.isEmpty();
        for (Mod m : post) {
            probeList(m, false, false, list);
        }
    }

    /** {@code module_options_concat}: configured options, a space, the command line's. */
    static String concat(String opt, String xopt) {
        boolean noOpt = opt == null || opt.isEmpty();
        boolean noX = xopt == null || xopt.isEmpty();
        if (noOpt && noX) {
            return null;
        }
        return (opt != null ? opt + " " : "") + (xopt != null ? xopt : "");
    }

    /** {@code kmod_module_insert_module}: reads the module file and calls init_module. */
    private int insert(Mod m, String options) {
        if (m.path == null) {
            log.error("could not find module by name='" + m.name + "'");
            return -Errno.ENOENT.number();
        }
        byte[] image;
        try {
            image = Files.readAllBytes(file(m.path));
        } catch (IOException e) {
            return -Errnos.of(e).number();
        }
        try {
            int kflags = flags.force
                    ? ModuleLoader.MODULE_INIT_IGNORE_MODVERSIONS | ModuleLoader.MODULE_INIT_IGNORE_VERMAGIC : 0;
            loader.initModule(m.path, image, options == null ? "" : options, kflags);
            return 0;
        } catch (ErrnoException e) {
            log.info("Failed to insert module '" + m.path + "': " + e.errno().message());
            return -e.errno().number();
        }
    }

    /** {@code module_do_install_commands}: $CMDLINE_OPTS becomes the options. */
    private int runInstall(Mod m, String command, String options) {
        String cmd = command.replace("$CMDLINE_OPTS", options == null ? "" : options);
        int status = commands.run(m.name, cmd);
        if (status != 0) {
            log.error("Error running install command '" + cmd + "' for module " + m.name + ": retcode " + status);
            return -Errno.EINVAL.number();
        }
        return 0;
    }

    // ---- removal --------------------------------------------------------------------

    /** modprobe's {@code rmmod}: removes what {@code alias} names. */
    public int rmmod(String alias) {
        List<Mod> list = lookup(alias);
        if (list == null) {
            return -Errno.EINVAL.number();
        }
        int err = 0;
        if (list.isEmpty()) {
            log.report("Module " + alias + " not found.");
            err = -Errno.ENOENT.number();
        }
        for (Mod m : list) {
            err = removeModuleAndDeps(m, flags.removeHolders);
            if (err < 0) {
                break;
            }
        }
        return err;
    }

    /** {@code rmmod_do_module}. */
    private int removeModuleAndDeps(Mod mod, boolean removeHolders) {
        List<Mod> pre = List.of();
        List<Mod> post = List.of();
        String cmd = null;
        if (!flags.ignoreCommands) {
            ModprobeConfig.Softdep sd = config.softdepFor(mod.name);
            if (sd != null) {
                pre = softdeps(sd.pre());
                post = softdeps(sd.post());
            }
            cmd = config.removeCommand(mod.name);
        }
        if (cmd == null && !flags.ignoreLoaded && loaded.initstate(mod.name) == null) {
            if (flags.firstTime) {
                log.report("Module " + mod.name + " is not in kernel.");
                return -Errno.ENOENT.number();
            }
            return 0;
        }
        removeList(post, false);
        if (removeHolders) {
            List<Mod> holders = new ArrayList<>();
            loaded.holders(mod.name).forEach(h -> holders.add(module(Names.modname(h), null)));
            int err = removeList(holders, true);
            if (err < 0) {
                return err;
            }
        }
        if (cmd == null && !flags.ignoreLoaded && loaded.refcnt(mod.name) > 0) {
            log.report("Module " + mod.name + " is in use.");
            return -Errno.EBUSY.number();
        }
        int err = cmd == null ? removeModule(mod) : runRemove(mod, cmd);
        if (err < 0) {
            return err;
        }
        if (cmd == null) {
            // Nearest first, so a dependency is looked at after the modules above it
            // in the chain are gone: every dependency nobody else uses goes. (kmod 34
            // walks them deepest first, which leaves the lower half of a chain loaded.)
            for (Mod d : loadDeps(mod).reversed()) {
                if (loaded.refcnt(d.name) == 0) {
                    removeModule(d);
                }
            }
        }
        removeList(pre, false);
        return 0;
    }

    /** {@code rmmod_do_modlist}: in reverse order. */
    private int removeList(List<Mod> list, boolean stopOnErrors) {
        for (Mod m : list.reversed()) {
            int r = removeModuleAndDeps(m, false);
            if (r < 0 && stopOnErrors) {
                return r;
            }
        }
        return 0;
    }

    /** {@code rmmod_do_remove_module}: delete_module, non-blocking, forced with -f. */
    private int removeModule(Mod m) {
        show("rmmod " + m.name);
        if (flags.dryRun) {
            return 0;
        }
        try {
            loader.deleteModule(m.name, OpenFlags.O_NONBLOCK | (flags.force ? OpenFlags.O_TRUNC : 0));
            return 0;
        } catch (ErrnoException e) {
            log.error("could not remove '" + m.name + "': " + e.errno().message());
            return -e.errno().number();
        }
    }

    private int runRemove(Mod m, String cmd) {
        show("remove " + cmd);
        if (flags.dryRun) {
            return 0;
        }
        int status = commands.run(m.name, cmd);
        if (status != 0) {
            log.report("Error running remove command for " + m.name);
            return -status;
        }
        return 0;
    }

    private void show(String line) {
        if (flags.show) {
            out.print(line + "\n");
            out.flush();
        }
    }

    private Path file(String absolute) {
        return root.resolve(absolute.substring(1));
    }

    private static String message(int err) {
        return Errnos.message(err);
    }
}
