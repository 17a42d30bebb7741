package org.modux.usr.init;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.modux.kernel.printk.Syslog;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * Loads the modules /etc/modules names, one per line (modules(5), as Debian's
 * kmod service and systemd-modules-load do), from /lib/modules/RELEASE, with
 * systemd-modules-load's messages. Both are read through the VFS (java.nio over
 * it): a module's jar is read from its VFS path, as {@code init_module(2)} takes the
 * image's bytes, and that path is the bundle's location. A module that is missing or
 * fails to load is logged and left out; a failed load leaves no bundle behind. The
 * module loader proper (insmod, modprobe, dependencies) is the module subsystem's
 * job; this only installs and starts each named module bundle.
 */
final class ModulesLoad {

    private final BundleContext context;
    private final Syslog syslog;
    private final Path moduleDir;

    ModulesLoad(BundleContext context, Syslog syslog, Path moduleDir) {
        this.context = context;
        this.syslog = syslog;
        this.moduleDir = moduleDir;
    }

    void load(Path modulesFile) {
        try {
            for (String raw : Files.readAllLines(modulesFile, StandardCharsets.UTF_8)) {
                String line = raw.strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    loadOne(line.split("\\s+")[0]);
                }
            }
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            syslog.devkmsgWrite("<3>modules-load: Failed to read /etc/modules: " + e.getMessage());
        }
    }

    private void loadOne(String name) {
        Optional<Path> jar = find(name);
        if (jar.isEmpty()) {
            syslog.devkmsgWrite("<3>modules-load: Failed to find module '" + name + "'");
            return;
        }
        Bundle bundle = null;
        try (InputStream image = Files.newInputStream(jar.get())) {
            bundle = context.installBundle(jar.get().toString(), image);
            bundle.start();
            syslog.devkmsgWrite("<6>modules-load: Inserted module '" + name + "'");
        } catch (IOException | BundleException | RuntimeException e) {
            syslog.devkmsgWrite("<3>modules-load: Failed to insert module '" + name + "': " + e.getMessage());
            if (bundle != null) {
                try {
                    bundle.uninstall();
                } catch (BundleException ignored) {
                    // Already gone: nothing is left to undo.
                }
            }
        }
    }

    /** The module's jar anywhere below the release's module directory; '-' and '_' are the same. */
    private Optional<Path> find(String name) {
        String wanted = name.replace('-', '_') + ".jar";
        try (Stream<Path> files = Files.walk(moduleDir)) {
            return files.filter(p -> p.getFileName().toString().replace('-', '_').equals(wanted)).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
