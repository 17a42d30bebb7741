package org.modux.usr.bin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Process;
import org.modux.kernel.module.ModuleLoader;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;
import org.modux.usr.kmod.Errnos;
import org.modux.usr.kmod.KmodLog;
import org.modux.usr.kmod.ModuleOptions;
import org.modux.usr.nio.VfsFileSystem;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code insmod} (kmod, insmod(8)): reads a module file through the VFS and hands
 * it to init_module with the rest of the command line as its parameters.
 * {@code -f} sets both MODULE_INIT_IGNORE flags. Messages and the kernel's errors
 * as kmod words them ({@code mod_strerror}); exit status 1 on failure.
 */
@Component(service = Insmod.class, property = {"osgi.command.scope=" + Tool.SCOPE, "osgi.command.function=insmod"})
public final class Insmod {

    private static final List<Getopt.Option> OPTIONS = List.of(Getopt.opt('f', "force"), Getopt.opt('s', "syslog"),
            Getopt.opt('v', "verbose"), Getopt.opt('h', "help"));

    private final ModuleLoader loader;
    private final VfsFileSystem fs;

    @Activate
    public Insmod(@Reference ModuleLoader loader, @Reference VfsFileSystem fs) {
        this.loader = loader;
        this.fs = fs;
    }

    @Descriptor("simple program to insert a module into the Linux Kernel")
    public void insmod(CommandSession session, String... args) {
        Getopt g = Getopt.parse("insmod", OPTIONS, args);
        if (g == null) {
            return;
        }
        int flags = 0;
        for (Getopt.Found f : g.found) {
            if (f.is('f')) {
                flags |= ModuleLoader.MODULE_INIT_IGNORE_MODVERSIONS | ModuleLoader.MODULE_INIT_IGNORE_VERMAGIC;
            } else if (f.is('h')) {
                Tool.out().print("Usage:\n\tinsmod [options] filename [module options]\nOptions:\n"
                        + "\t-f, --force       DANGEROUS: forces a module load, may cause\n"
                        + "\t                  data corruption and crash your machine\n"
                        + "\t-s, --syslog      print to syslog, not stderr\n"
                        + "\t-v, --verbose     enables more messages\n"
                        + "\t-h, --help        show this help\n");
                Tool.out().flush();
                return;
            }
        }
        KmodLog log = new KmodLog("insmod", Process.Utils.current().err(), KmodLog.LOG_ERR);
        if (!run(session, g.operands, flags, log)) {
            Process.Utils.current().error(1);
        }
    }

    private boolean run(CommandSession session, List<String> operands, int flags, KmodLog log) {
        if (operands.isEmpty()) {
            log.error("missing filename.");
            return false;
        }
        String filename = operands.get(0);
        if (filename.equals("-")) {
            log.error("this tool does not support loading from stdin!");
            return false;
        }
        String opts = ModuleOptions.fromArray(operands.subList(1, operands.size()));
        String path = Tool.abs(session, filename);
        Path file = fs.path(path);
        try {
            Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            log.error("could not load module " + filename + ": " + Errnos.of(e).message());
            return false;
        }
        try {
            byte[] image = Files.readAllBytes(file);
            loader.initModule(path, image, opts, flags);
            return true;
        } catch (IOException e) {
            log.error("could not insert module " + filename + ": " + modStrerror(Errnos.of(e)));
        } catch (ErrnoException e) {
            log.error("could not insert module " + filename + ": " + modStrerror(e.errno()));
        }
        return false;
    }

    /** {@code mod_strerror}: what insmod says for the errors init_module gives modules. */
    static String modStrerror(Errno errno) {
        return switch (errno) {
            case ENOEXEC -> "Invalid module format";
            case ENOENT -> "Unknown symbol in module";
            case ESRCH -> "Module has wrong symbol version";
            case EINVAL -> "Invalid parameters";
            default -> errno.message();
        };
    }
}
