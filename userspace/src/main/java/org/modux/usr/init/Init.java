package org.modux.usr.init;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.felix.service.command.CommandProcessor;
import org.modux.fs.FileSystemType;
import org.modux.fs.Vfs;
import org.modux.kernel.Kernel;
import org.modux.kernel.module.ModuleLoader;
import org.modux.kernel.printk.Syslog;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;
import org.modux.usr.bin.SysctlTool;
import org.modux.usr.nio.VfsFileSystem;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * init, process 1's job (Linux: what systemd or sysvinit do after the kernel runs
 * /sbin/init): mounts the distribution's {@code etc/} on /etc and its {@code lib/}
 * on /lib with hostfs, as a User-Mode Linux guest's fstab would; sets the host name
 * from /etc/hostname, applies /etc/sysctl.conf, loads the modules /etc/modules names
 * from /lib/modules/RELEASE, all read through the VFS; then runs the console. The
 * distribution's home is {@value #HOME_PROPERTY}; without it (as in most integration
 * tests) nothing is mounted and those files are simply absent.
 *
 * <p>The console mode comes from the launcher ({@value #CONSOLE_PROPERTY}):
 * {@code command} runs {@value #COMMAND_PROPERTY} and powers off with its status;
 * {@code stdin} runs each line piped in, then powers off with the last status;
 * {@code terminal} runs the interactive console ({@link TerminalConsole}) until
 * Ctrl-D. Without it (as in the integration tests) there is no console.
 */
@Component(immediate = true)
public final class Init {

    static final String HOME_PROPERTY = "modux.home";
    static final String CONSOLE_PROPERTY = "modux.console";
    static final String COMMAND_PROPERTY = "modux.console.command";

    private final Kernel kernel;
    private final Syslog syslog;

    private final Vfs vfs;

    /**
     * The {@code hostfs} reference only orders activation: init mounts with it first
     * thing. Gogo's commands ({@code gogo}) are a reference that init does not call:
     * it makes them registered before the console runs its first line.
     */
    @Activate
    public Init(@Reference Kernel kernel, @Reference Syslog syslog, @Reference SysctlTool sysctl,
            @Reference VfsFileSystem fs, @Reference Vfs vfs, @Reference CommandProcessor processor,
            @Reference ModuleLoader loader, @Reference GogoCommands gogo,
            @Reference(target = "(" + FileSystemType.NAME_PROPERTY + "=hostfs)") FileSystemType hostfs,
            BundleContext context) {
        this.vfs = vfs;
        this.kernel = kernel;
        this.syslog = syslog;
        String home = context.getProperty(HOME_PROPERTY);
        if (home != null) {
            mountHost(Path.of(home, "etc"), "/etc");
            mountHost(Path.of(home, "lib"), "/lib");
        }
        setHostname(fs.path("/etc/hostname"), sysctl);
        new SysctlConf(sysctl, syslog).apply(fs.path("/etc/sysctl.conf"));
        new ModulesLoad(syslog, loader, fs.path("/"), kernel.uname().release(), kernel.commandLine())
                .load(fs.path("/etc/modules"));
        startConsole(context.getProperty(CONSOLE_PROPERTY), context.getProperty(COMMAND_PROPERTY), processor, fs);
    }

    /**
     * {@code mount -t hostfs none TARGET -o HOSTDIR}, making the mount point on rootfs
     * first. A failure is logged and the boot goes on without those files.
     */
    private void mountHost(Path hostDir, String target) {
        String dir = hostDir.toAbsolutePath().normalize().toString();
        try {
            try {
                vfs.mkdir(target, 0755);
            } catch (ErrnoException e) {
                if (e.errno() != Errno.EEXIST) {
                    throw e;
                }
            }
            vfs.mount("none", target, "hostfs", 0, dir);
        } catch (ErrnoException e) {
            syslog.devkmsgWrite("<3>init: failed to mount " + dir + " on " + target + ": " + e.getMessage());
        }
    }

    private void setHostname(Path file, SysctlTool sysctl) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                String problem = sysctl.apply("kernel.hostname", lines.get(0).strip());
                if (problem != null) {
                    syslog.devkmsgWrite("<4>init: " + problem);
                }
            }
        } catch (IOException e) {
            // No /etc/hostname: the node keeps the kernel's "(none)", as on Linux.
        }
    }

    private void startConsole(String mode, String command, CommandProcessor processor, VfsFileSystem fs) {
        if ("terminal".equals(mode)) {
            new Thread(() -> {
                int status;
                try {
                    status = new TerminalConsole(kernel, vfs, processor, fs).run();
                } catch (IOException | RuntimeException e) {
                    syslog.devkmsgWrite("<3>init: console: " + e);
                    status = 1;
                }
                kernel.powerOff(status);
            }, "init").start();
            return;
        }
        if (!"command".equals(mode) && !"stdin".equals(mode)) {
            return;
        }
        // The host's real standard streams: Gogo replaces System.out and System.err.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        FileInputStream in = new FileInputStream(FileDescriptor.in);
        Thread console = new Thread(() -> {
            ConsoleSession session = new ConsoleSession(processor, fs, in, out, err, "/");
            int status = "command".equals(mode) ? session.run(command == null ? "" : command) : runLines(session, in);
            session.close();
            kernel.powerOff(status);
        }, "init");
        console.start();
    }

    private static int runLines(ConsoleSession session, FileInputStream in) {
        int status = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    status = session.run(line);
                }
            }
        } catch (IOException e) {
            return 1;
        }
        return status;
    }
}
