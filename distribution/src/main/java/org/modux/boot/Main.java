package org.modux.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.felix.framework.Felix;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * The launcher: Modux's QEMU and boot loader in one. It reads the kernel command
 * line from etc/cmdline (plus any {@code name=value} words given on its own command
 * line), starts Felix, installs the bundles of system/N at start level N, and exits
 * with the status the machine powered off with. Called by bin/modux.
 *
 * <p>Start levels: 1 the framework services (SCR, Gogo) and the machine, 2 the
 * kernel, 3 user space and modules; stopping goes the other way, so modules stop
 * before the kernel that prints "reboot: Power down".
 */
public final class Main {

    private static final String EXIT_STATUS = "machine.exit.status";
    private static final int USER_LEVEL = 3;

    private Main() {
    }

    public static void main(String[] args) throws IOException {
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
        int status;
        try {
            status = boot(home, cmdline, console, command);
        } catch (BundleException | IOException | InvalidSyntaxException | RuntimeException e) {
            System.err.println("modux: cannot boot: " + e.getMessage());
            status = 1;
        }
        System.exit(status);
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

    private static int boot(Path home, String cmdline, String console, String command)
            throws BundleException, IOException, InvalidSyntaxException {
        Map<String, Object> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, home.resolve("var/cache/felix").toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(USER_LEVEL));
        config.put("felix.startlevel.bundle", Integer.toString(USER_LEVEL));
        config.put("felix.log.level", "1");
        config.put("modux.home", home.toString());
        config.put("modux.cmdline", cmdline);
        config.put("modux.console", console);
        if (command != null) {
            config.put("modux.console.command", command);
        }
        // The console is init's; Gogo's own shell only sources an empty profile.
        config.put("gosh.home", home.resolve("share/gosh").toString());
        config.put("gosh.args", "--nointeractive");
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
        CountDownLatch started = new CountDownLatch(1);
        system.addFrameworkListener(event -> {
            if (event.getType() == FrameworkEvent.STARTED) {
                started.countDown();
            }
        });
        List<Bundle> bundles;
        try {
            bundles = installSystem(system, home.resolve("system"));
            felix.start();
        } catch (BundleException | IOException | RuntimeException e) {
            felix.stop();
            throw e;
        }
        awaitStart(started);
        // Felix reports a bundle that failed to start and goes on; without all of
        // them there is no kernel or no init, and the console would wait forever.
        for (Bundle b : bundles) {
            if (b.getState() != Bundle.ACTIVE && b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                System.err.println("modux: cannot boot: " + b.getSymbolicName() + " did not start");
                felix.stop();
                awaitStop(felix);
                return 1;
            }
        }
        FrameworkEvent stopped;
        try {
            stopped = felix.waitForStop(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        if (stopped.getType() == FrameworkEvent.ERROR) {
            System.err.println("modux: framework stopped with an error: " + stopped.getThrowable());
            return 1;
        }
        return status.get();
    }

    /** Waits until every start level is reached (FrameworkEvent.STARTED). */
    private static void awaitStart(CountDownLatch started) {
        try {
            started.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitStop(Felix felix) {
        try {
            felix.waitForStop(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Installs system/N/*.jar at start level N; returns them. */
    private static List<Bundle> installSystem(BundleContext context, Path system)
            throws IOException, BundleException {
        List<Bundle> installed = new ArrayList<>();
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
                installed.add(b);
                b.adapt(BundleStartLevel.class).setStartLevel(n);
                if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                    b.start();
                }
            }
        }
        return installed;
    }
}
