package org.modux.usr.bin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Process;
import org.modux.kernel.Kernel;
import org.modux.uapi.Errno;
import org.modux.usr.kmod.Errnos;
import org.modux.usr.kmod.KmodLog;
import org.modux.usr.kmod.ModuleFile;
import org.modux.usr.kmod.ModuleIndex;
import org.modux.usr.kmod.Names;
import org.modux.usr.kmod.SymbolTable;
import org.modux.usr.nio.VfsFileSystem;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code modinfo} (kmod, modinfo(8)): shows a module's information from its file,
 * without loading it. An argument that is a *.jar file is read as such; otherwise
 * it is looked up as a module name or alias in the indexes of
 * /lib/modules/$(uname -r) (modules.dep, modules.symbols, modules.alias; the
 * modprobe.d configuration is not consulted, as kmod's modinfo does not). The
 * fields and their order are {@link ModuleFile#info}'s; output as
 * {@link org.modux.usr.kmod.Modinfo}.
 */
@Component(service = Modinfo.class, property = {"osgi.command.scope=" + Tool.SCOPE, "osgi.command.function=modinfo"})
public final class Modinfo {

    private static final List<Getopt.Option> OPTIONS = List.of(Getopt.opt('a', "author"),
            Getopt.opt('d', "description"), Getopt.opt('l', "license"), Getopt.opt('p', "parameters"),
            Getopt.opt('n', "filename"), Getopt.opt('0', "null"), Getopt.opt('m', "modname"),
            Getopt.arg('F', "field"), Getopt.arg('k', "set-version"), Getopt.opt('h', "help"));

    private final Kernel kernel;
    private final VfsFileSystem fs;

    @Activate
    public Modinfo(@Reference Kernel kernel, @Reference VfsFileSystem fs) {
        this.kernel = kernel;
        this.fs = fs;
    }

    @Descriptor("show information about a Linux Kernel module")
    public void modinfo(CommandSession session, String... args) {
        Getopt g = Getopt.parse("modinfo", OPTIONS, args);
        if (g == null) {
            return;
        }
        String field = null;
        char sep = '\n';
        boolean byName = false;
        String release = kernel.uname().release();
        for (Getopt.Found f : g.found) {
            switch (f.option().shortName()) {
                case 'a' -> field = "author";
                case 'd' -> field = "description";
                case 'l' -> field = "license";
                case 'p' -> field = "parm";
                case 'n' -> field = "filename";
                case '0' -> sep = '\0';
                case 'm' -> byName = true;
                case 'F' -> field = f.arg();
                case 'k' -> release = f.arg();
                default -> {
                    usage();
                    return;
                }
            }
        }
        KmodLog log = new KmodLog("modinfo", Process.Utils.current().err(), KmodLog.LOG_ERR);
        if (g.operands.isEmpty()) {
            log.error("missing module or filename.");
            Process.Utils.current().error(1);
            return;
        }
        Path root = fs.path("/");
        String dirname = "/lib/modules/" + release;
        Path moduleDir = root.resolve(dirname.substring(1));
        boolean failed = false;
        try {
            ModuleIndex index = new ModuleIndex(moduleDir, dirname);
            SymbolTable symbols = null;
            for (String arg : g.operands) {
                List<String> paths = resolve(session, index, arg, byName, log);
                if (paths == null) {
                    failed = true;
                    continue;
                }
                for (String path : paths) {
                    if (symbols == null) {
                        symbols = SymbolTable.of(index, moduleDir);
                    }
                    failed |= !show(root, path, field, sep, symbols, log);
                }
            }
        } catch (IOException e) {
            log.error("could not read " + dirname + ": " + Errnos.of(e).message());
            failed = true;
        }
        Tool.out().flush();
        if (failed) {
            Process.Utils.current().error(1);
        }
    }

    /** The module files {@code arg} stands for; null, after saying so, when none. */
    private List<String> resolve(CommandSession session, ModuleIndex index, String arg, boolean byName, KmodLog log) {
        if (byName) {
            ModuleIndex.DepLine line = index.moddep(Names.modname(arg));
            if (line == null) {
                log.error("Module name " + arg + " not found.");
                return null;
            }
            return List.of(line.path());
        }
        String abs = Tool.abs(session, arg);
        if (Names.hasModuleExt(arg) && Files.isRegularFile(fs.path(abs))) {
            return List.of(abs);
        }
        String alias = Names.alias(arg);
        List<String> names = new ArrayList<>();
        if (alias != null) {
            if (alias.indexOf(':') < 0 && index.moddep(alias) != null) {
                names.add(alias);
            } else {
                names.addAll(alias.startsWith("symbol:") ? index.symbol(alias) : List.of());
                if (names.isEmpty()) {
                    names.addAll(index.alias(alias));
                }
            }
        }
        List<String> paths = new ArrayList<>();
        for (String n : names) {
            ModuleIndex.DepLine line = index.moddep(n);
            if (line != null) {
                paths.add(line.path());
            }
        }
        if (paths.isEmpty()) {
            log.error("Module " + arg + " not found.");
            return null;
        }
        return paths;
    }

    /** Prints one module file's information; false, after saying why, when it cannot be read as a module. */
    private boolean show(Path root, String path, String field, char sep, SymbolTable symbols, KmodLog log) {
        String name = Names.fromPath(path);
        byte[] image;
        try {
            image = Files.readAllBytes(root.resolve(path.substring(1)));
        } catch (IOException e) {
            log.error("could not get modinfo from '" + name + "': " + Errnos.of(e).message());
            return false;
        }
        ModuleFile file;
        try {
            file = ModuleFile.read(image);
        } catch (IOException e) {
            file = null;
        }
        if (file == null || !file.isModule()) {
            log.error("could not get modinfo from '" + name + "': " + Errno.ENOEXEC.message());
            return false;
        }
        Tool.out().print(org.modux.usr.kmod.Modinfo.format(path, file.info(symbols.depends(file), symbols.symbols()),
                field, sep));
        return true;
    }

    private static void usage() {
        Tool.out().print("Usage:\n\tmodinfo [options] <modulename|filename> [args]\nOptions:\n"
                + "\t-a, --author                Print only 'author'\n"
                + "\t-d, --description           Print only 'description'\n"
                + "\t-l, --license               Print only 'license'\n"
                + "\t-p, --parameters            Print only 'parm'\n"
                + "\t-n, --filename              Print only 'filename'\n"
                + "\t-0, --null                  Use \\0 instead of \\n\n"
                + "\t-m, --modname               Handle argument as module name instead of alias or filename\n"
                + "\t-F, --field=FIELD           Print only provided FIELD\n"
                + "\t-k, --set-version=VERSION   Use VERSION instead of `uname -r`\n"
                + "\t-h, --help                  Show this help\n");
        Tool.out().flush();
    }
}
