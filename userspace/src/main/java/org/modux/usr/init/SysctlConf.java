package org.modux.usr.init;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.modux.kernel.printk.Syslog;
import org.modux.usr.bin.SysctlTool;

/**
 * Applies /etc/sysctl.conf (sysctl.conf(5), as {@code sysctl -p} and
 * systemd-sysctl do): {@code key = value} lines, '#' and ';' comments, a leading
 * '-' on a key to ignore its failure. Each failure is logged with procps-ng's
 * message; a bad line never stops the boot.
 */
final class SysctlConf {

    private final SysctlTool sysctl;
    private final Syslog syslog;

    SysctlConf(SysctlTool sysctl, Syslog syslog) {
        this.sysctl = sysctl;
        this.syslog = syslog;
    }

    void apply(Path file) {
        int applied = 0;
        int lineNo = 0;
        try {
            for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                lineNo++;
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    syslog.devkmsgWrite("<4>sysctl: /etc/sysctl.conf(" + lineNo + "): invalid syntax, continuing...");
                    continue;
                }
                String key = line.substring(0, eq).strip();
                boolean optional = key.startsWith("-");
                String problem = sysctl.apply(optional ? key.substring(1) : key, line.substring(eq + 1).strip());
                if (problem == null) {
                    applied++;
                } else if (!optional) {
                    syslog.devkmsgWrite("<4>" + problem);
                }
            }
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            syslog.devkmsgWrite("<3>sysctl: cannot open \"/etc/sysctl.conf\": " + e.getMessage());
            return;
        }
        syslog.devkmsgWrite("<6>sysctl: applied " + applied + " setting" + (applied == 1 ? "" : "s")
                + " from /etc/sysctl.conf");
    }
}
