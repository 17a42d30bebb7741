package org.modux.usr.init;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.modux.kernel.module.ModuleLoader;
import org.modux.kernel.printk.Syslog;
import org.modux.usr.kmod.Errnos;
import org.modux.usr.kmod.KmodLog;
import org.modux.usr.kmod.Modprobe;
import org.modux.usr.kmod.ModprobeConfig;
import org.modux.usr.kmod.ModuleIndex;
import org.modux.usr.kmod.Names;

/**
 * Loads the modules /etc/modules names, one per line (modules(5)), as Debian's kmod
 * service and systemd-modules-load do: each through libkmod's probe, so its
 * dependencies from modules.dep come first, /etc/modprobe.d's options and blacklist
 * apply, and the kernel's init_module does the loading; with systemd-modules-load's
 * messages in the kernel log. A module that is missing or fails is logged and left
 * out, and the boot goes on.
 */
final class ModulesLoad {

    private final Syslog syslog;
    private final ModuleLoader loader;
    private final Path root;
    private final String dirname;
    private final String cmdline;

    ModulesLoad(Syslog syslog, ModuleLoader loader, Path root, String release, String cmdline) {
        this.syslog = syslog;
        this.loader = loader;
        this.root = root;
        this.dirname = "/lib/modules/" + release;
        this.cmdline = cmdline;
    }

    void load(Path modulesFile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(modulesFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            syslog.devkmsgWrite("<3>modules-load: Failed to read /etc/modules: " + e.getMessage());
            return;
        }
        ModuleIndex index;
        try {
            index = new ModuleIndex(root.resolve(dirname.substring(1)), dirname);
        } catch (IOException e) {
            syslog.devkmsgWrite("<3>modules-load: Failed to read the module index of " + dirname + ": "
                    + Errnos.of(e).message());
            return;
        }
        ModprobeConfig config = ModprobeConfig.load(root, dirname, cmdline,
                message -> syslog.devkmsgWrite("<3>modules-load: " + message));
        for (String raw : lines) {
            String line = raw.strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                loadOne(line.split("\\s+")[0], index, config);
            }
        }
    }

    private void loadOne(String name, ModuleIndex index, ModprobeConfig config) {
        if (index.moddep(Names.modname(name)) == null && index.alias(name).isEmpty()) {
            syslog.devkmsgWrite("<3>modules-load: Failed to find module '" + name + "'");
            return;
        }
        Modprobe.Flags flags = new Modprobe.Flags();
        flags.useBlacklist = true;
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        KmodLog log = new KmodLog("modules-load", quiet, KmodLog.LOG_EMERG);
        int err = new Modprobe(root, config, index, loader, log, quiet, flags, (module, command) -> 1)
                .insmod(name, name, "");
        if (err == 0) {
            syslog.devkmsgWrite("<6>modules-load: Inserted module '" + name + "'");
        } else {
            syslog.devkmsgWrite("<3>modules-load: Failed to insert module '" + name + "': " + Errnos.message(err));
        }
    }
}
