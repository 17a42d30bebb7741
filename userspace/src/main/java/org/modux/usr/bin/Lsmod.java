package org.modux.usr.bin;

import java.io.IOException;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Process;
import org.modux.usr.kmod.Errnos;
import org.modux.usr.kmod.KmodLog;
import org.modux.usr.kmod.LoadedModules;
import org.modux.usr.nio.VfsFileSystem;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code lsmod} (kmod, lsmod(8)): the loaded modules, formatted from
 * /proc/modules and /sys/module as kmod's lsmod does ({@link org.modux.usr.kmod.Lsmod}).
 */
@Component(service = Lsmod.class, property = {"osgi.command.scope=" + Tool.SCOPE, "osgi.command.function=lsmod"})
public final class Lsmod {

    private static final List<Getopt.Option> OPTIONS = List.of(Getopt.opt('s', "syslog"), Getopt.opt('v', "verbose"),
            Getopt.opt('h', "help"));

    private final VfsFileSystem fs;

    @Activate
    public Lsmod(@Reference VfsFileSystem fs) {
        this.fs = fs;
    }

    @Descriptor("show the status of modules in the Linux Kernel")
    public void lsmod(String... args) {
        Getopt g = Getopt.parse("lsmod", OPTIONS, args);
        if (g == null) {
            return;
        }
        if (g.found.stream().anyMatch(f -> f.is('h'))) {
            Tool.out().print("Usage:\n\tlsmod [options]\nOptions:\n"
                    + "\t-s, --syslog      print to syslog, not stderr\n"
                    + "\t-v, --verbose     enables more messages\n"
                    + "\t-h, --help        show this help\n");
            Tool.out().flush();
            return;
        }
        KmodLog log = new KmodLog("lsmod", Process.Utils.current().err(), KmodLog.LOG_ERR);
        if (!g.operands.isEmpty()) {
            log.error("too many arguments provided.");
            Process.Utils.current().error(1);
            return;
        }
        try {
            Tool.out().print(org.modux.usr.kmod.Lsmod.table(new LoadedModules(fs.path("/"))));
            Tool.out().flush();
        } catch (IOException e) {
            String why = Errnos.of(e).message();
            log.error("could not open /proc/modules: " + why);
            log.error("could not get list of modules: " + why);
            Process.Utils.current().error(1);
        }
    }
}
