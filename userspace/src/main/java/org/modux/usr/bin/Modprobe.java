package org.modux.usr.bin;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Process;
import org.modux.kernel.Kernel;
import org.modux.kernel.module.ModuleLoader;
import org.modux.usr.kmod.KmodLog;
import org.modux.usr.kmod.ModprobeConfig;
import org.modux.usr.kmod.ModuleIndex;
import org.modux.usr.kmod.ModuleOptions;
import org.modux.usr.nio.VfsFileSystem;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code modprobe} (kmod, modprobe(8)): loads a module by name or alias with its
 * dependencies, or removes it ({@code -r}) with those nobody else uses; reads
 * /lib/modules/$(uname -r)'s indexes, /etc/modprobe.d and /proc/cmdline.
 * The work is {@link org.modux.usr.kmod.Modprobe}'s; this parses kmod's options,
 * prints {@code -c} and sets the exit status (1 on any failure). Install and
 * remove commands run as console command lines, with MODPROBE_MODULE set.
 */
@Component(service = Modprobe.class, property = {"osgi.command.scope=" + Tool.SCOPE, "osgi.command.function=modprobe"})
public final class Modprobe {

    private static final List<Getopt.Option> OPTIONS = List.of(Getopt.opt('a', "all"), Getopt.opt('r', "remove"),
            Getopt.opt((char) 5, "remove-holders"), Getopt.opt((char) 3, "first-time"),
            Getopt.opt('i', "ignore-install"), Getopt.opt('i', "ignore-remove"), Getopt.opt('b', "use-blacklist"),
            Getopt.opt('f', "force"), Getopt.opt('R', "resolve-alias"), Getopt.opt('D', "show-depends"),
            Getopt.opt('c', "showconfig"), Getopt.opt('c', "show-config"), Getopt.opt('n', "dry-run"),
            Getopt.opt('n', "show"), Getopt.arg('S', "set-version"), Getopt.opt('s', "syslog"),
            Getopt.opt('q', "quiet"), Getopt.opt('v', "verbose"), Getopt.opt('h', "help"));

    private final Kernel kernel;
    private final ModuleLoader loader;
    private final VfsFileSystem fs;

    @Activate
    public Modprobe(@Reference Kernel kernel, @Reference ModuleLoader loader, @Reference VfsFileSystem fs) {
        this.kernel = kernel;
        this.loader = loader;
        this.fs = fs;
    }

    @Descriptor("add and remove modules from the Linux Kernel")
    public void modprobe(CommandSession session, String... args) {
        Getopt g = Getopt.parse("modprobe", OPTIONS, args);
        if (g == null) {
            return;
        }
        org.modux.usr.kmod.Modprobe.Flags flags = new org.modux.usr.kmod.Modprobe.Flags();
        boolean all = false;
        boolean remove = false;
        boolean showConfig = false;
        int verbose = KmodLog.LOG_WARNING;
        String release = kernel.uname().release();
        for (Getopt.Found f : g.found) {
            switch (f.option().shortName()) {
                case 'a' -> all = true;
                case 'r' -> remove = true;
                case 5 -> flags.removeHolders = true;
                case 3 -> flags.firstTime = true;
                case 'i' -> flags.ignoreCommands = true;
                case 'b' -> flags.useBlacklist = true;
                case 'f' -> flags.force = true;
                case 'R' -> flags.lookupOnly = true;
                case 'D' -> {
                    flags.ignoreLoaded = true;
                    flags.dryRun = true;
                    flags.show = true;
                }
                case 'c' -> showConfig = true;
                case 'n' -> flags.dryRun = true;
                case 'S' -> release = f.arg();
                case 'q' -> verbose = KmodLog.LOG_EMERG;
                case 'v' -> verbose++;
                case 'h' -> {
                    usage();
                    return;
                }
                default -> {
                    // -s: messages go to the console either way.
                }
            }
        }
        if (verbose > KmodLog.LOG_WARNING) {
            flags.show = true;
        }
        PrintStream err = Process.Utils.current().err();
        KmodLog log = new KmodLog("modprobe", err, verbose);
        if (all) {
            log.setReportPriority(KmodLog.LOG_WARNING);
        }
        int status;
        try {
            status = run(session, g.operands, flags, all, remove, showConfig, release, log);
        } catch (KmodLog.Exit e) {
            status = e.status();
        } catch (IOException e) {
            log.error(e.getMessage());
            status = 1;
        }
        Tool.out().flush();
        if (status != 0) {
            Process.Utils.current().error(status);
        }
    }

    private int run(CommandSession session, List<String> operands, org.modux.usr.kmod.Modprobe.Flags flags,
            boolean all, boolean remove, boolean showConfig, String release, KmodLog log) throws IOException {
        if (!showConfig && operands.isEmpty()) {
            log.error("missing parameters. See -h.");
            return 1;
        }
        Path root = fs.path("/");
        String dirname = "/lib/modules/" + release;
        ModuleIndex index = new ModuleIndex(root.resolve(dirname.substring(1)), dirname);
        ModprobeConfig config = ModprobeConfig.load(root, dirname, cmdline(root), log::error);
        if (showConfig) {
            Tool.out().print(showConfig(config, index));
            return 0;
        }
        org.modux.usr.kmod.Modprobe probe = new org.modux.usr.kmod.Modprobe(root, config, index, loader, log,
                Tool.out(), flags, (module, command) -> runCommand(session, module, command));
        int err = 0;
        if (remove) {
            for (String name : operands) {
                int r = probe.rmmod(name);
                if (r < 0) {
                    err = r;
                }
            }
        } else if (all) {
            for (String name : operands) {
                int r = probe.insmod(name, Tool.abs(session, name), null);
                if (r < 0) {
                    err = r;
                }
            }
        } else {
            String opts = ModuleOptions.fromArray(operands.subList(1, operands.size()));
            err = probe.insmod(operands.get(0), Tool.abs(session, operands.get(0)), opts.isEmpty() ? null : opts);
        }
        return err >= 0 ? 0 : 1;
    }

    private static String cmdline(Path root) {
        try {
            return Files.readString(root.resolve("proc/cmdline"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /** An install or remove command, run as a console line; its status is 1 if it threw. */
    private static int runCommand(CommandSession session, String module, String command) {
        session.put("MODPROBE_MODULE", module);
        try {
            session.execute(command);
            return 0;
        } catch (Exception e) {
            return 1;
        } finally {
            session.put("MODPROBE_MODULE", null);
        }
    }

    /** {@code show_config}: the configuration, then the alias and symbol indexes. */
    private static String showConfig(ModprobeConfig c, ModuleIndex index) {
        StringBuilder out = new StringBuilder();
        c.blacklist.forEach(b -> out.append("blacklist ").append(b).append('\n'));
        c.install.forEach(i -> out.append("install ").append(i.modname()).append(' ').append(i.command()).append('\n'));
        c.remove.forEach(i -> out.append("remove ").append(i.modname()).append(' ').append(i.command()).append('\n'));
        c.aliases.forEach(a -> out.append("alias ").append(a.pattern()).append(' ').append(a.modname()).append('\n'));
        c.options.forEach(o -> out.append("options ").append(o.modname()).append(' ').append(o.options()).append('\n'));
        for (ModprobeConfig.Softdep s : c.softdeps) {
            out.append("softdep ").append(s.modname()).append(" pre:");
            s.pre().forEach(p -> out.append(' ').append(p));
            out.append(" post:");
            s.post().forEach(p -> out.append(' ').append(p));
            out.append('\n');
        }
        for (ModprobeConfig.Weakdep w : c.weakdeps) {
            out.append("weakdep ").append(w.modname()).append(' ').append(String.join(" ", w.weak())).append('\n');
        }
        out.append("\n# End of configuration files. Dumping indexes now:\n\n");
        index.aliasEntries().forEach((p, m) -> out.append("alias ").append(p).append(' ').append(m).append('\n'));
        index.symbolEntries().forEach((p, m) -> out.append("alias ").append(p).append(' ').append(m).append('\n'));
        return out.toString();
    }

    private static void usage() {
        Tool.out().print("Usage:\n"
                + "\tmodprobe [options] [-i] [-b] modulename\n"
                + "\tmodprobe [options] -a [-i] [-b] modulename [modulename...]\n"
                + "\tmodprobe [options] -r [-i] modulename\n"
                + "\tmodprobe [options] -r -a [-i] modulename [modulename...]\n"
                + "\tmodprobe [options] -c\n"
                + "Management Options:\n"
                + "\t-a, --all                   Consider every non-argument to\n"
                + "\t                            be a module name to be inserted\n"
                + "\t                            or removed (-r)\n"
                + "\t-r, --remove                Remove modules instead of inserting\n"
                + "\t    --remove-holders        Also remove module holders (use together with -r)\n"
                + "\t    --first-time            Fail if module already inserted or removed\n"
                + "\t-i, --ignore-install        Ignore install commands\n"
                + "\t-i, --ignore-remove         Ignore remove commands\n"
                + "\t-b, --use-blacklist         Apply blacklist to resolved alias.\n"
                + "\t-f, --force                 Force module insertion or removal.\n"
                + "\n"
                + "Query Options:\n"
                + "\t-R, --resolve-alias         Only lookup and print alias and exit\n"
                + "\t-D, --show-depends          Only print module dependencies and exit\n"
                + "\t-c, --showconfig            Print out known configuration and exit\n"
                + "\t-c, --show-config           Same as --showconfig\n"
                + "\n"
                + "General Options:\n"
                + "\t-n, --dry-run               Do not execute operations, just print out\n"
                + "\t-n, --show                  Same as --dry-run\n"
                + "\t-S, --set-version=VERSION   Use VERSION instead of `uname -r`\n"
                + "\t-q, --quiet                 disable messages\n"
                + "\t-v, --verbose               enables more messages\n"
                + "\t-h, --help                  show this help\n");
        Tool.out().flush();
    }
}
