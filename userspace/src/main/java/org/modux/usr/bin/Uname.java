package org.modux.usr.bin;

import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.modux.kernel.Kernel;
import org.modux.kernel.Utsname;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code uname} (coreutils, uname(1)) over uname(2): {@code -s} by default; {@code -a}
 * prints kernel name, node name, release, version, machine and operating system.
 */
@Component(service = Uname.class, property = {"osgi.command.scope=" + Tool.SCOPE, "osgi.command.function=uname"})
public final class Uname {

    private final Kernel kernel;

    @Activate
    public Uname(@Reference Kernel kernel) {
        this.kernel = kernel;
    }

    @Descriptor("print system information")
    public void uname(String... args) {
        String flags = "";
        for (String a : args) {
            String f = switch (a) {
                case "--all" -> "a";
                case "--kernel-name" -> "s";
                case "--nodename" -> "n";
                case "--kernel-release" -> "r";
                case "--kernel-version" -> "v";
                case "--machine" -> "m";
                case "--operating-system" -> "o";
                default -> a.startsWith("-") && !a.startsWith("--") ? a.substring(1) : null;
            };
            if (f == null || !f.matches("[asnrvmo]*")) {
                Tool.fail(1, "uname: invalid option -- '%s'", a.replaceFirst("^-+", ""));
                return;
            }
            flags += f;
        }
        if (flags.isEmpty()) {
            flags = "s";
        }
        if (flags.contains("a")) {
            flags = "snrvmo";
        }
        Utsname u = kernel.uname();
        List<String> out = new ArrayList<>();
        for (char c : "snrvmo".toCharArray()) {
            if (flags.indexOf(c) >= 0) {
                out.add(switch (c) {
                    case 's' -> u.sysname();
                    case 'n' -> u.nodename();
                    case 'r' -> u.release();
                    case 'v' -> u.version();
                    case 'm' -> u.machine();
                    default -> u.sysname();
                });
            }
        }
        Tool.out().print(String.join(" ", out) + "\n");
        Tool.out().flush();
    }
}
