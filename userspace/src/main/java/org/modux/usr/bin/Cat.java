package org.modux.usr.bin;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Process;
import org.modux.fs.File;
import org.modux.fs.OpenFlags;
import org.modux.fs.Vfs;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code cat} (coreutils, cat(1)): copies files, or standard input for none or
 * "-", to standard output with read(2) in 4 KiB pieces. A file that cannot be read
 * is reported and skipped; the exit status is then 1.
 */
@Component(service = Cat.class, property = {"osgi.command.scope=" + Tool.SCOPE, "osgi.command.function=cat"})
public final class Cat {

    private final Vfs vfs;

    @Activate
    public Cat(@Reference Vfs vfs) {
        this.vfs = vfs;
    }

    @Descriptor("concatenate files and print on the standard output")
    public void cat(CommandSession session, String... files) throws IOException {
        PrintStream out = Tool.out();
        if (files.length == 0) {
            copyStdin(out);
        }
        for (String name : files) {
            if (name.equals("-")) {
                copyStdin(out);
                continue;
            }
            try (File f = vfs.open(Tool.abs(session, name), OpenFlags.O_RDONLY, 0)) {
                ByteBuffer buf = ByteBuffer.allocate(4096);
                while (f.read(buf) > 0) {
                    out.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
            } catch (ErrnoException e) {
                out.flush();
                Tool.fail(1, "cat: %s: %s", name, e.getMessage());
            }
        }
        out.flush();
    }

    private static void copyStdin(PrintStream out) throws IOException {
        InputStream in = Process.Utils.current().in();
        in.transferTo(out);
    }
}
