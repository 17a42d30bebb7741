package org.modux.usr.bin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Process;
import org.modux.kernel.Kernel;
import org.modux.usr.kmod.Depmod;
import org.modux.usr.kmod.Errnos;
import org.modux.usr.kmod.KmodLog;
import org.modux.usr.kmod.ModuleFile;
import org.modux.usr.kmod.Names;
import org.modux.usr.nio.VfsFileSystem;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code depmod} (kmod, depmod(8)): writes the indexes of
 * /lib/modules/$(uname -r) ({@link Depmod}). {@code -a} (the default) scans every
 * module; module paths after a version scan only those; {@code -A} does nothing
 * when modules.dep is newer than every module; {@code -n} prints the indexes
 * instead of writing them; {@code -b DIR} works on DIR/lib/modules/VERSION.
 */
@Component(service = DepmodTool.class,
        property = {"osgi.command.scope=" + Tool.SCOPE, "osgi.command.function=depmod"})
public final class DepmodTool {

    private static final List<Getopt.Option> OPTIONS = List.of(Getopt.opt('a', "all"), Getopt.opt('A', "quick"),
            Getopt.arg('b', "basedir"), Getopt.opt('e', "errsyms"), Getopt.opt('n', "show"),
            Getopt.opt('n', "dry-run"), Getopt.opt('v', "verbose"), Getopt.opt('w', "warn"), Getopt.opt('h', "help"));

    private final Kernel kernel;
    private final VfsFileSystem fs;

    @Activate
    public DepmodTool(@Reference Kernel kernel, @Reference VfsFileSystem fs) {
        this.kernel = kernel;
        this.fs = fs;
    }

    @Descriptor("generate modules.dep and map files")
    public void depmod(CommandSession session, String... args) {
        Getopt g = Getopt.parse("depmod", OPTIONS, args);
        if (g == null) {
            return;
        }
        boolean quick = false;
        boolean show = false;
        String basedir = "";
        for (Getopt.Found f : g.found) {
            switch (f.option().shortName()) {
                case 'A' -> quick = true;
                case 'b' -> basedir = Tool.abs(session, f.arg()).replaceAll("/+$", "");
                case 'n' -> show = true;
                case 'h' -> {
                    usage();
                    return;
                }
                default -> {
                    // -a is the default; -e, -v and -w add nothing here.
                }
            }
        }
        KmodLog log = new KmodLog("depmod", Process.Utils.current().err(), KmodLog.LOG_WARNING);
        try {
            run(session, g.operands, basedir, quick, show, log);
        } catch (KmodLog.Exit e) {
            Process.Utils.current().error(e.status());
        }
    }

    private void run(CommandSession session, List<String> operands, String basedir, boolean quick, boolean show,
            KmodLog log) {
        String version = kernel.uname().release();
        List<String> files = new ArrayList<>();
        if (!operands.isEmpty()) {
            if (!operands.get(0).matches("\\d+\\.\\d+.*")) {
                log.error("Bad version passed " + operands.get(0));
                throw new KmodLog.Exit(1);
            }
            version = operands.get(0);
            files.addAll(operands.subList(1, operands.size()));
        }
        String dirname = basedir + "/lib/modules/" + version;
        Path dir = fs.path(dirname);
        if (quick && (show || upToDate(dir))) {
            return;
        }
        List<Depmod.Entry> modules;
        if (files.isEmpty()) {
            if (!Files.isDirectory(dir)) {
                log.error("could not open directory " + dirname + ": No such file or directory");
                log.fatal("could not search modules: No such file or directory");
                return;
            }
            try {
                modules = Depmod.scan(dir, log::error);
            } catch (IOException e) {
                log.fatal("could not search modules: " + Errnos.of(e).message());
                return;
            }
        } else {
            modules = new ArrayList<>();
            for (String f : files) {
                if (!f.startsWith("/")) {
                    log.fatal(f + ": not absolute path.");
                    return;
                }
                try {
                    ModuleFile file = ModuleFile.read(Files.readAllBytes(fs.path(f)));
                    String rel = f.startsWith(dirname + "/") ? f.substring(dirname.length() + 1) : f;
                    modules.add(new Depmod.Entry(rel, Names.fromPath(f), file));
                } catch (IOException e) {
                    log.fatal("could not create module " + f + ": " + Errnos.of(e).message());
                    return;
                }
            }
        }
        Depmod depmod;
        try {
            depmod = new Depmod(modules);
        } catch (Depmod.CycleException e) {
            e.cycles().forEach(c -> log.error("Cycle detected: " + c));
            log.error(e.getMessage());
            throw new KmodLog.Exit(1);
        }
        if (show) {
            depmod.indexes().values().forEach(Tool.out()::print);
            Tool.out().flush();
            return;
        }
        try {
            depmod.write(dir);
        } catch (IOException e) {
            log.fatal("could not write indexes in " + dirname + ": " + Errnos.of(e).message());
        }
    }

    /** {@code depfile_up_to_date}: modules.dep is newer than every module file. */
    private static boolean upToDate(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            FileTime dep = Files.getLastModifiedTime(dir.resolve("modules.dep"));
            return all.filter(p -> Names.hasModuleExt(p.toString())).allMatch(p -> {
                try {
                    return Files.getLastModifiedTime(p).compareTo(dep) <= 0;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IOException e) {
            return false;
        }
    }

    private static void usage() {
        Tool.out().print("Usage:\n\tdepmod -[aA] [options] [forced_version]\n\n"
                + "If no arguments (except options) are given, \"depmod -a\" is assumed\n\n"
                + "depmod will output a dependency list suitable for the modprobe utility.\n\n"
                + "Options:\n"
                + "\t-a, --all            Probe all modules\n"
                + "\t-A, --quick          Only does the work if there's a new module\n"
                + "\t-e, --errsyms        Report not supplied symbols\n"
                + "\t-n, --show           Write the dependency file on stdout only\n"
                + "\t-b, --basedir=DIR    Use an image of a module tree.\n"
                + "\t-h, --help           show this help\n");
        Tool.out().flush();
    }
}
