package org.modux.usr.bin;

import java.io.PrintStream;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.modux.fs.Vfs;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code mount} (util-linux, mount(8)): with no arguments lists /proc/mounts as
 * {@code SOURCE on TARGET type TYPE (OPTIONS)}; {@code mount -t TYPE SOURCE TARGET}
 * mounts.
 */
@Component(service = Mount.class, property = {"osgi.command.scope=" + Tool.SCOPE, "osgi.command.function=mount"})
public final class Mount {

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
        if (args.length != 4 || !args[0].equals("-t")) {
            Tool.fail(1, "mount: bad usage\nTry 'mount -t TYPE SOURCE TARGET', or 'mount' to list.");
            return;
        }
        String target = Tool.abs(session, args[3]);
        try {
            vfs.mount(args[2], target, args[1], 0, "");
        } catch (ErrnoException e) {
            switch (e.errno()) {
                case ENODEV -> Tool.fail(32, "mount: %s: unknown filesystem type '%s'.", args[3], args[1]);
                case ENOENT -> Tool.fail(32, "mount: %s: mount point does not exist.", args[3]);
                case ENOTDIR -> Tool.fail(32, "mount: %s: mount point is not a directory.", args[3]);
                default -> Tool.fail(32, "mount: %s: %s.", args[3], e.getMessage());
            }
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
