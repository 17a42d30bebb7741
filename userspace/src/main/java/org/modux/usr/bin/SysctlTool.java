package org.modux.usr.bin;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.modux.fs.DirEntry;
import org.modux.fs.File;
import org.modux.fs.FileMode;
import org.modux.fs.OpenFlags;
import org.modux.fs.Vfs;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code sysctl} (procps-ng, sysctl(8)): reads and writes kernel parameters as
 * files under /proc/sys, naming them with dots ({@code kernel.printk}) or slashes.
 * {@code -a} lists every readable one, {@code -n} prints values only, {@code -w}
 * writes {@code name=value}. Messages are procps-ng's. init uses {@link #apply} for
 * /etc/sysctl.conf.
 */
@Component(service = SysctlTool.class,
        property = {"osgi.command.scope=" + Tool.SCOPE, "osgi.command.function=sysctl"})
public final class SysctlTool {

    private static final String ROOT = "/proc/sys/";

    private final Vfs vfs;

    @Activate
    public SysctlTool(@Reference Vfs vfs) {
        this.vfs = vfs;
    }

    @Descriptor("configure kernel parameters at runtime")
    public void sysctl(String... args) {
        boolean all = false;
        boolean valuesOnly = false;
        boolean write = false;
        List<String> names = new ArrayList<>();
        for (String a : args) {
            switch (a) {
                case "-a", "-A", "-X", "--all" -> all = true;
                case "-n", "--values" -> valuesOnly = true;
                case "-w", "--write" -> write = true;
                default -> {
                    if (a.startsWith("-")) {
                        Tool.fail(1, "sysctl: unknown option %s", a);
                        return;
                    }
                    names.add(a);
                }
            }
        }
        PrintStream out = Tool.out();
        if (all) {
            listAll(out, valuesOnly);
        }
        for (String n : names) {
            if (write || n.contains("=")) {
                int eq = n.indexOf('=');
                if (eq <= 0) {
                    Tool.fail(1, "sysctl: \"%s\" must be of the form name=value", n);
                    continue;
                }
                String key = n.substring(0, eq).strip();
                String value = n.substring(eq + 1).strip();
                String problem = apply(key, value);
                if (problem != null) {
                    Tool.fail(1, "%s", problem);
                } else if (!valuesOnly) {
                    out.print(dotted(key) + " = " + value + "\n");
                }
            } else {
                show(out, n, valuesOnly);
            }
        }
        out.flush();
    }

    /**
     * Writes one setting; returns null on success, else procps-ng's message
     * ({@code sysctl: setting key "kernel.printk": Invalid argument}).
     */
    public String apply(String key, String value) {
        String path = ROOT + key.replace('.', '/');
        try (File f = vfs.open(path, OpenFlags.O_WRONLY, 0)) {
            f.write(ByteBuffer.wrap((value + "\n").getBytes(StandardCharsets.UTF_8)));
            return null;
        } catch (ErrnoException e) {
            return switch (e.errno()) {
                case ENOENT -> "sysctl: cannot stat " + path + ": " + e.getMessage();
                case EACCES, EPERM, EROFS -> "sysctl: permission denied on key '" + dotted(key) + "'";
                default -> "sysctl: setting key \"" + dotted(key) + "\": " + e.getMessage();
            };
        }
    }

    private void show(PrintStream out, String name, boolean valuesOnly) {
        String path = ROOT + name.replace('.', '/');
        try {
            if (FileMode.isDir(vfs.stat(path).mode())) {
                walk(out, path, valuesOnly);
                return;
            }
            print(out, path, read(path), valuesOnly);
        } catch (ErrnoException e) {
            if (e.errno() == Errno.ENOENT) {
                Tool.fail(255, "sysctl: cannot stat %s: %s", path, e.getMessage());
            } else if (e.errno() == Errno.EACCES) {
                Tool.fail(255, "sysctl: permission denied on key '%s'", dotted(name));
            } else {
                Tool.fail(255, "sysctl: reading key \"%s\": %s", dotted(name), e.getMessage());
            }
        }
    }

    private void listAll(PrintStream out, boolean valuesOnly) {
        try {
            walk(out, "/proc/sys", valuesOnly);
        } catch (ErrnoException e) {
            Tool.fail(1, "sysctl: cannot open /proc/sys: %s", e.getMessage());
        }
    }

    /** Every readable entry below {@code dir}, depth first in name order; write-only ones are skipped. */
    private void walk(PrintStream out, String dir, boolean valuesOnly) throws ErrnoException {
        List<DirEntry> entries = new ArrayList<>(vfs.getdents(dir));
        entries.removeIf(e -> e.name().equals(".") || e.name().equals(".."));
        entries.sort((a, b) -> a.name().compareTo(b.name()));
        for (DirEntry e : entries) {
            String path = dir + "/" + e.name();
            int mode = vfs.stat(path).mode();
            if (FileMode.isDir(mode)) {
                walk(out, path, valuesOnly);
            } else if ((mode & FileMode.S_IRUSR) != 0) {
                print(out, path, read(path), valuesOnly);
            }
        }
    }

    private static void print(PrintStream out, String path, String value, boolean valuesOnly) {
        String v = value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
        out.print(valuesOnly ? v + "\n" : dotted(path.substring(ROOT.length())) + " = " + v + "\n");
    }

    private String read(String path) throws ErrnoException {
        return Tool.readFile(vfs, path);
    }

    private static String dotted(String key) {
        return key.replace('/', '.');
    }
}
