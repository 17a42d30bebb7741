package org.modux.usr.bin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Process;
import org.modux.fs.OpenFlags;
import org.modux.kernel.module.ModuleLoader;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;
import org.modux.usr.kmod.KmodLog;
import org.modux.usr.kmod.LoadedModules;
import org.modux.usr.kmod.Names;
import org.modux.usr.nio.VfsFileSystem;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code rmmod} (kmod, rmmod(8)): removes modules named or given by path. Unless
 * {@code -f}, it first checks /sys/module/NAME as kmod's {@code check_module_inuse}
 * does (not loaded, held by other modules, in use) and refuses; then
 * delete_module with O_NONBLOCK (O_TRUNC too with {@code -f}). On failure both
 * libkmod's and rmmod's lines; goes on with the next name; exit status 1 if any failed.
 */
@Component(service = Rmmod.class, property = {"osgi.command.scope=" + Tool.SCOPE, "osgi.command.function=rmmod"})
public final class Rmmod {

    private static final List<Getopt.Option> OPTIONS = List.of(Getopt.opt('f', "force"), Getopt.opt('s', "syslog"),
            Getopt.opt('v', "verbose"), Getopt.opt('h', "help"));

    private final ModuleLoader loader;
    private final VfsFileSystem fs;

    @Activate
    public Rmmod(@Reference ModuleLoader loader, @Reference VfsFileSystem fs) {
        this.loader = loader;
        this.fs = fs;
    }

    @Descriptor("simple program to remove a module from the Linux Kernel")
    public void rmmod(CommandSession session, String... args) {
        Getopt g = Getopt.parse("rmmod", OPTIONS, args);
        if (g == null) {
            return;
        }
        boolean force = false;
        for (Getopt.Found f : g.found) {
            if (f.is('f')) {
                force = true;
            } else if (f.is('h')) {
                Tool.out().print("Usage:\n\trmmod [options] modulename ...\nOptions:\n"
                        + "\t-f, --force       DANGEROUS: forces a module unload and may\n"
                        + "\t                  crash your machine\n"
                        + "\t-s, --syslog      print to syslog, not stderr\n"
                        + "\t-v, --verbose     enables more messages\n"
                        + "\t-h, --help        show this help\n");
                Tool.out().flush();
                return;
            }
        }
        KmodLog log = new KmodLog("rmmod", Process.Utils.current().err(), KmodLog.LOG_ERR);
        if (g.operands.isEmpty()) {
            log.error("missing module name.");
            Process.Utils.current().error(1);
            return;
        }
        LoadedModules loaded = new LoadedModules(fs.path("/"));
        boolean failed = false;
        for (String arg : g.operands) {
            String name = isFile(session, arg) ? Names.fromPath(arg) : Names.modname(arg);
            if (!force && !checkModuleInuse(loaded, name, log)) {
                failed = true;
                continue;
            }
            try {
                loader.deleteModule(name, OpenFlags.O_NONBLOCK | (force ? OpenFlags.O_TRUNC : 0));
            } catch (ErrnoException e) {
                log.error("could not remove '" + name + "': " + e.errno().message());
                log.error("could not remove module " + arg + ": " + e.errno().message());
                failed = true;
            }
        }
        if (failed) {
            Process.Utils.current().error(1);
        }
    }

    /** Whether {@code arg} names a file (rmmod's {@code stat}), relative to the working directory. */
    private boolean isFile(CommandSession session, String arg) {
        try {
            Files.readAttributes(fs.path(Tool.abs(session, arg)), BasicFileAttributes.class);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code check_module_inuse}, with kmod's later one-line "in use by" message. */
    static boolean checkModuleInuse(LoadedModules loaded, String name, KmodLog log) {
        if (loaded.initstate(name) == null) {
            log.error("Module " + name + " is not currently loaded");
            return false;
        }
        List<String> holders = loaded.holders(name);
        if (!holders.isEmpty()) {
            StringBuilder by = new StringBuilder();
            holders.forEach(h -> by.append(' ').append(h));
            log.error("Module " + name + " is in use by:" + by);
            return false;
        }
        int refcnt = loaded.refcnt(name);
        if (refcnt > 0) {
            log.error("Module " + name + " is in use");
            return false;
        }
        if (refcnt == -Errno.ENOENT.number()) {
            log.error("Module unloading is not supported");
            return false;
        }
        return true;
    }
}
