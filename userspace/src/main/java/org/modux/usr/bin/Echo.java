package org.modux.usr.bin;

import java.io.PrintStream;

import org.apache.felix.service.command.Descriptor;
import org.modux.uapi.Errno;
import org.modux.usr.nio.Libc;
import org.osgi.service.component.annotations.Component;

/**
 * {@code echo} (coreutils, echo(1)): its arguments, separated by spaces, then a
 * newline unless {@code -n}, in one write(2) as bash's builtin does, so that
 * {@code echo 4 > /proc/sys/kernel/printk} hands the sysctl the whole value. A
 * failed write reports the errno as bash does ({@code echo: write error: ...}).
 */
@Component(service = Echo.class, property = {"osgi.command.scope=" + Tool.SCOPE, "osgi.command.function=echo"})
public final class Echo {

    @Descriptor("display a line of text")
    public void echo(String... args) {
        boolean newline = true;
        int first = 0;
        if (args.length > 0 && args[0].equals("-n")) {
            newline = false;
            first = 1;
        }
        StringBuilder line = new StringBuilder();
        for (int i = first; i < args.length; i++) {
            if (i > first) {
                line.append(' ');
            }
            line.append(args[i]);
        }
        if (newline) {
            line.append('\n');
        }
        PrintStream out = Tool.out();
        out.print(line);
        if (out.checkError()) {
            Errno errno = Libc.errno();
            Tool.fail(1, "echo: write error: %s", errno == null ? Errno.EIO.message() : errno.message());
        }
    }
}
