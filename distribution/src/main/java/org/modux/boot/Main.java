package org.modux.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.felix.framework.Felix;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;

/**
 * The launcher: Modux's QEMU and boot loader in one. It reads the kernel command
 * line from etc/cmdline (plus any {@code name=value} words given on its own command
 * line), starts Felix with the bundles of system/N at start level N (installed by an
 * earlier boot, see BootImage), and exits with the status the machine powered off
 * with. Called by bin/modux.
 *
 * <p>Start levels: 1 the framework services (SCR, Gogo) and the machine, 2 the
 * kernel, 3 user space and modules; stopping goes the other way, so modules stop
 * before the kernel that prints "reboot: Power down". The launcher starts the
 * levels itself rather than through the framework's start-level thread, so that
 * what the kernel does not need (Gogo, Configuration Admin ...) can start on the
 * second CPU while the kernel boots.
 */
public final class Main {

    private static final String EXIT_STATUS = "machine.exit.status";
    private static final int KERNEL_LEVEL = 2;
    private static final int USER_LEVEL = 3;

    /** How the launcher starts a level-1 bundle the kernel does not use. */
    private enum Start {
        /** On a second thread while the kernel boots; user space waits for it. */
        BESIDE_KERNEL,
        /** Not at all: installed and resolved, for other bundles to use its classes. */
        NEVER
    }

    /**
     * The level-1 bundles the kernel does not use, one line each; the others start
     * on the main thread, before the kernel. Gogo and jline serve the console, which
     * init starts from level 3. SCR takes Configuration Admin and Metatype whenever
     * they come, and no configuration exists before user space makes one.
     */
    private static final Map<String, Start> LEVEL_1 = Map.of(
            "org.apache.felix.gogo.runtime", Start.BESIDE_KERNEL,
            "org.apache.felix.gogo.command", Start.BESIDE_KERNEL,
            "org.jline", Start.BESIDE_KERNEL,
            "org.apache.felix.configadmin", Start.BESIDE_KERNEL,
            "org.apache.felix.metatype", Start.BESIDE_KERNEL,
            // Its activator builds a system terminal and starts Gogo's own shell; the
            // console is init's, which registers gogo.jline's commands itself
            // (org.modux.usr.init.GogoCommands).
            "org.apache.felix.gogo.jline", Start.NEVER);

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
        // The kernel log's folder (bin/modux names the file for slf4j-simple), made
        // here rather than by a process the script starts.
        Files.createDirectories(home.resolve("var/log"));
        BootImage image = BootImage.scan(home);
        boolean cached = image.cached();
        Map<String, Object> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, home.resolve("var/cache/felix").toString());
        if (!cached) {
            config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        }
        // SCR keeps the parsed component descriptions with the boot image;
        // configurations (module parameters) last one boot, as on Linux.
        config.put("ds.cache.metadata", "true");
        config.put("felix.cm.pm", "memory");
        // The framework reaches the top level at once, with nothing yet to start:
        // the launcher starts the bundles itself (bootLevels), in level order.
        config.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(USER_LEVEL));
        config.put("felix.startlevel.bundle", Integer.toString(USER_LEVEL));
        config.put("felix.log.level", "1");
        // Felix resolves on the thread that asks, as the kernel's loader does, instead of
        // in a pool whose threads come with a resolve and go a minute later.
        config.put("felix.resolver.parallelism", "1");
        config.put("modux.home", home.toString());
        config.put("modux.cmdline", cmdline);
        config.put("modux.console", console);
        if (command != null) {
            config.put("modux.console.command", command);
        }
        // Where Gogo's sh and source commands find gosh_profile and relative scripts.
        config.put("gosh.home", home.resolve("share/gosh").toString());
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
        try {
            Map<Integer, List<Bundle>> levels = image.install(system);
            if (!cached) {
                image.record();
            }
            felix.start();
            String failed = bootLevels(levels);
            if (failed != null) {
                // Without all of them there is no kernel or no init, and the console
                // would wait forever.
                System.err.println("modux: cannot boot: " + failed);
                felix.stop();
                awaitStop(felix);
                return 1;
            }
        } catch (BundleException | IOException | RuntimeException e) {
            felix.stop();
            throw e;
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

    /**
     * Starts the system bundles level by level, as the framework's start-level
     * thread would, except for the level-1 bundles the kernel does not use
     * ({@link #LEVEL_1}): they start on a second thread while the kernel boots, or
     * not at all. User space starts when both are done: init's console then finds
     * Gogo's command processor and every command registered. Returns null, or
     * which bundle did not start and why.
     */
    private static String bootLevels(Map<Integer, List<Bundle>> levels) {
        List<Bundle> beside = new ArrayList<>();
        List<Bundle> never = new ArrayList<>();
        for (Bundle b : levels.getOrDefault(1, List.of())) {
            Start start = LEVEL_1.get(b.getSymbolicName());
            if (start == Start.BESIDE_KERNEL) {
                beside.add(b);
            } else if (start == Start.NEVER) {
                never.add(b);
            }
        }
        // Until the thread says otherwise: an error that ends it must not let user
        // space start without Gogo, to wait forever for its command processor.
        AtomicReference<String> besideFailed = new AtomicReference<>("the thread starting "
                + beside.stream().map(Bundle::getSymbolicName).toList() + " ended in an error");
        Thread side = new Thread(() -> besideFailed.set(startAll(beside)), "modux-boot-level1");
        side.start();
        String failed = null;
        for (Map.Entry<Integer, List<Bundle>> level : levels.entrySet()) {
            if (level.getKey() > KERNEL_LEVEL) {
                joinQuietly(side);
                failed = besideFailed.get();
            }
            if (failed == null) {
                List<Bundle> bundles = new ArrayList<>(level.getValue());
                bundles.removeAll(beside);
                bundles.removeAll(never);
                failed = startAll(bundles);
            }
            if (failed != null) {
                break;
            }
        }
        joinQuietly(side);
        return failed != null ? failed : besideFailed.get();
    }

    /**
     * Starts each bundle that is not a fragment, in order, transiently: the boot
     * image keeps them installed, not started. Stops at the first failure.
     */
    private static String startAll(List<Bundle> bundles) {
        for (Bundle b : bundles) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            try {
                b.start(Bundle.START_TRANSIENT);
            } catch (BundleException | RuntimeException e) {
                return b.getSymbolicName() + " did not start: " + e.getMessage();
            }
        }
        return null;
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join();
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
}
