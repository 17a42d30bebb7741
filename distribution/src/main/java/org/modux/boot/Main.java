package org.modux.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.felix.framework.Felix;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * The launcher: Modux's QEMU and boot loader in one. It reads the kernel command
 * line from etc/cmdline (plus any {@code name=value} words given on its own command
 * line), starts Felix, installs the bundles of system/N at start level N, and exits
 * with the status the machine powered off with. Called by bin/modux.
 *
 * <p>Start levels: 1 the framework services and the machine, 2 the kernel, 3 user
 * space and modules, 4 the interactive shell, which so prompts only once init is done.
 */
public final class Main {

    private static final String EXIT_STATUS = "machine.exit.status";
    private static final int SHELL_LEVEL = 4;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("modux.home", ".")).toAbsolutePath().normalize();
        String console = "terminal";
        String command = null;
        List<String> params = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-c" -> {
                    if (i + 1 >= args.length) {
                        usage("option -c requires an argument");
                    }
                    console = "command";
                    command = args[++i];
                }
                case "--stdin" -> console = "stdin";
                default -> {
                    if (args[i].startsWith("-")) {
                        usage("unknown option " + args[i]);
                    }
                    params.add(args[i]);
                }
            }
        }
        String cmdline = (readCmdline(home.resolve("etc/cmdline")) + " " + String.join(" ", params)).strip();
        System.exit(boot(home, cmdline, console, command));
    }

    private static void usage(String problem) {
        System.err.println("modux: " + problem);
        System.err.println("Usage: modux [-c 'command; command'] [name=value ...]");
        System.exit(2);
    }

    /** etc/cmdline without '#' comment lines, joined into one line. */
    static String readCmdline(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            if (!line.strip().startsWith("#")) {
                s.append(line.strip()).append(' ');
            }
        }
        return s.toString().strip();
    }

    private static int boot(Path home, String cmdline, String console, String command) throws Exception {
        boolean interactive = console.equals("terminal");
        Map<String, Object> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, home.resolve("var/cache/felix").toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(SHELL_LEVEL));
        config.put("felix.startlevel.bundle", "3");
        config.put("felix.log.level", "1");
        config.put("modux.home", home.toString());
        config.put("modux.cmdline", cmdline);
        config.put("modux.console", console);
        if (command != null) {
            config.put("modux.console.command", command);
        }
        // Gogo's own login session sources gosh.home/etc/gosh_profile: the console's
        // profile with a terminal, an empty one when init runs the commands.
        config.put("gosh.home", interactive ? home.toString() : home.resolve("share/gosh-batch").toString());
        if (!interactive) {
            config.put("gosh.args", "--nointeractive");
        }
        Felix felix = new Felix(config);
        felix.init();
        BundleContext system = felix.getBundleContext();
        AtomicInteger status = new AtomicInteger();
        system.addServiceListener(event -> {
            ServiceReference<?> ref = event.getServiceReference();
            if (event.getType() == ServiceEvent.MODIFIED && ref.getProperty(EXIT_STATUS) instanceof Integer s) {
                status.set(s);
            }
        }, "(objectClass=org.modux.hw.Machine)");
        installSystem(system, home.resolve("system"), interactive);
        felix.start();
        FrameworkEvent stopped = felix.waitForStop(0);
        if (stopped.getType() == FrameworkEvent.ERROR) {
            System.err.println("modux: framework stopped with an error: " + stopped.getThrowable());
            return 1;
        }
        return status.get();
    }

    /** Installs system/N/*.jar at start level N; the shell's level only when there is a terminal. */
    private static void installSystem(BundleContext context, Path system, boolean interactive)
            throws IOException, BundleException {
        List<Path> levels;
        try (Stream<Path> dirs = Files.list(system)) {
            levels = dirs.filter(Files::isDirectory).sorted().toList();
        }
        for (Path level : levels) {
            int n = Integer.parseInt(level.getFileName().toString());
            List<Path> jars;
            try (Stream<Path> files = Files.list(level)) {
                jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            }
            for (Path jar : jars) {
                Bundle b = context.installBundle("reference:" + jar.toUri());
                b.adapt(BundleStartLevel.class).setStartLevel(n == SHELL_LEVEL && !interactive ? 1 : n);
                if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                    b.start();
                }
            }
        }
    }
}
