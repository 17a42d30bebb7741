package org.modux.usr.bin;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.modux.fs.FileMode;
import org.modux.fs.Vfs;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code mount} (util-linux, mount(8)): with no arguments lists /proc/mounts as
 * {@code SOURCE on TARGET type TYPE (OPTIONS)}; {@code mount -t TYPE [-o OPTIONS]
 * SOURCE TARGET} mounts. As libmount does, the filesystem-independent options of
 * {@code -o} become {@code MS_*} flags ({@link #FLAGS}) and the others, in their
 * order, are the filesystem's data: {@code mount -t hostfs -o ro,/srv none /mnt}
 * mounts the host's /srv read-only. Failures print util-linux's messages, status 32.
 */
@Component(service = Mount.class, property = {"osgi.command.scope=" + Tool.SCOPE, "osgi.command.function=mount"})
public final class Mount {

    /** What one filesystem-independent option does: sets or clears {@code flag}. */
    record Flag(long flag, boolean set) {
    }

    /** mount(8)'s filesystem-independent options (libmount's MNT_LINUX_MAP) that Modux has flags for. */
    static final Map<String, Flag> FLAGS = Map.of(
            "ro", new Flag(Vfs.MS_RDONLY, true),
            "rw", new Flag(Vfs.MS_RDONLY, false),
            "nosuid", new Flag(Vfs.MS_NOSUID, true),
            "suid", new Flag(Vfs.MS_NOSUID, false),
            "nodev", new Flag(Vfs.MS_NODEV, true),
            "dev", new Flag(Vfs.MS_NODEV, false),
            "noexec", new Flag(Vfs.MS_NOEXEC, true),
            "exec", new Flag(Vfs.MS_NOEXEC, false),
            "relatime", new Flag(Vfs.MS_RELATIME, true),
            "defaults", new Flag(0, false));

    /** An option string split as mount(2) takes it: the flags, and the filesystem's own options. */
    record Options(long flags, String data) {
    }

    private final Vfs vfs;

    @Activate
    public Mount(@Reference Vfs vfs) {
        this.vfs = vfs;
    }

    @Descriptor("mount a filesystem, or list mounted filesystems")
    public void mount(CommandSession session, String... args) {
        if (args.length == 0) {
            list();
            return;
        }
        String type = null;
        StringBuilder optionText = new StringBuilder();
        List<String> operands = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if ((args[i].equals("-t") || args[i].equals("-o")) && i + 1 < args.length) {
                if (args[i].equals("-t")) {
                    type = args[++i];
                } else {
                    // Several -o are joined, as mount(8) joins them.
                    optionText.append(optionText.isEmpty() ? "" : ",").append(args[++i]);
                }
            } else {
                operands.add(args[i]);
            }
        }
        if (type == null || operands.size() != 2) {
            Tool.fail(1, "mount: bad usage\nTry 'mount -t TYPE [-o OPTIONS] SOURCE TARGET', or 'mount' to list.");
            return;
        }
        Options options = parseOptions(optionText.toString());
        String source = operands.get(0);
        String target = operands.get(1);
        try {
            vfs.mount(source, Tool.abs(session, target), type, options.flags(), options.data());
        } catch (ErrnoException e) {
            fail(session, e, type, source, target);
        }
    }

    /**
     * Splits {@code -o} text at commas: the options of {@link #FLAGS} set or clear their
     * flag, later ones winning; the rest stay, in order and comma-joined, as the data.
     */
    static Options parseOptions(String text) {
        long flags = 0;
        List<String> data = new ArrayList<>();
        for (String option : text.split(",")) {
            Flag f = FLAGS.get(option);
            if (f != null) {
                flags = f.set() ? flags | f.flag() : flags & ~f.flag();
            } else if (!option.isEmpty()) {
                data.add(option);
            }
        }
        return new Options(flags, String.join(",", data));
    }

    /** mount(8)'s message for a failed mount(2) (libmount's mnt_context_get_mount_excode). */
    private void fail(CommandSession session, ErrnoException e, String type, String source, String target) {
        switch (e.errno()) {
            case ENODEV -> Tool.fail(32, "mount: %s: unknown filesystem type '%s'.", target, type);
            case ENOENT -> {
                if (!exists(Tool.abs(session, target))) {
                    Tool.fail(32, "mount: %s: mount point does not exist.", target);
                } else if (!exists(Tool.abs(session, source))) {
                    Tool.fail(32, "mount: %s: special device %s does not exist.", target, source);
                } else {
                    Tool.fail(32, "mount: %s: mount(2) system call failed: %s.", target, e.getMessage());
                }
            }
            case ENOTDIR -> {
                if (isDir(Tool.abs(session, target))) {
                    Tool.fail(32, "mount: %s: mount(2) system call failed: %s.", target, e.getMessage());
                } else {
                    Tool.fail(32, "mount: %s: mount point is not a directory.", target);
                }
            }
            case EINVAL -> Tool.fail(32, "mount: %s: wrong fs type, bad option, bad superblock on %s, missing codepage "
                    + "or helper program, or other error.\n"
                    + "       dmesg(1) may have more information after failed mount system call.", target, source);
            default -> Tool.fail(32, "mount: %s: %s.", target, e.getMessage());
        }
    }

    private boolean exists(String path) {
        try {
            vfs.stat(path);
            return true;
        } catch (ErrnoException e) {
            return false;
        }
    }

    private boolean isDir(String path) {
        try {
            return FileMode.isDir(vfs.stat(path).mode());
        } catch (ErrnoException e) {
            return false;
        }
    }

    private void list() {
        PrintStream out = Tool.out();
        try {
            String text = Tool.readFile(vfs, "/proc/mounts");
            for (String line : text.split("\n")) {
                String[] f6 = line.split(" ");
                if (f6.length >= 4) {
                    out.print(f6[0] + " on " + f6[1] + " type " + f6[2] + " (" + f6[3] + ")\n");
                }
            }
        } catch (ErrnoException e) {
            Tool.fail(1, "mount: /proc/mounts: %s", e.getMessage());
        }
        out.flush();
    }
}
