package org.modux.usr.bin;

import java.io.PrintStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.apache.felix.service.command.Descriptor;
import org.modux.kernel.printk.LogLevel;
import org.modux.kernel.printk.LogRecord;
import org.modux.kernel.printk.Syslog;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code dmesg} (util-linux, dmesg(1)) over syslog(2): prints the kernel ring
 * buffer as {@code [    1.234567] text}. {@code -l/--level LIST} filters levels,
 * {@code -c} reads and clears, {@code -C} clears, {@code -n/--console-level LEVEL}
 * sets the console log level (a number, or a level name meaning that level and more
 * urgent ones), {@code -t} drops timestamps, {@code -r} prints raw {@code <N>} prefixes.
 */
@Component(service = Dmesg.class, property = {"osgi.command.scope=" + Tool.SCOPE, "osgi.command.function=dmesg"})
public final class Dmesg {

    private final Syslog syslog;

    @Activate
    public Dmesg(@Reference Syslog syslog) {
        this.syslog = syslog;
    }

    @Descriptor("print or control the kernel ring buffer")
    public void dmesg(String... args) {
        boolean clearAfter = false;
        boolean clearOnly = false;
        boolean noTime = false;
        boolean raw = false;
        Set<LogLevel> levels = EnumSet.allOf(LogLevel.class);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            if (a.startsWith("--level=") || a.startsWith("--console-level=")) {
                value = a.substring(a.indexOf('=') + 1);
                a = a.substring(0, a.indexOf('='));
            }
            switch (a) {
                case "-c", "--read-clear" -> clearAfter = true;
                case "-C", "--clear" -> clearOnly = true;
                case "-t", "--notime" -> noTime = true;
                case "-r", "--raw" -> raw = true;
                case "-l", "--level" -> {
                    String list = value != null ? value : next(args, ++i, a);
                    levels = list == null ? null : parseLevels(list);
                    if (levels == null) {
                        return;
                    }
                }
                case "-n", "--console-level" -> {
                    String level = value != null ? value : next(args, ++i, a);
                    if (level != null) {
                        setConsoleLevel(level);
                    }
                    return;
                }
                default -> {
                    Tool.fail(1, "dmesg: invalid option -- '%s'\nTry 'dmesg --help' for more information.",
                            a.replaceFirst("^-+", ""));
                    return;
                }
            }
        }
        if (clearOnly) {
            syslog.clear();
            return;
        }
        List<LogRecord> records = clearAfter ? syslog.readClear() : syslog.readAll();
        PrintStream out = Tool.out();
        StringBuilder text = new StringBuilder();
        for (LogRecord r : records) {
            if (!levels.contains(r.level())) {
                continue;
            }
            if (raw) {
                text.append('<').append(r.priority()).append('>');
            }
            if (!noTime) {
                text.append(r.timestamp()).append(' ');
            }
            text.append(r.text()).append('\n');
        }
        out.print(text);
        out.flush();
    }

    private static String next(String[] args, int i, String option) {
        if (i >= args.length) {
            Tool.fail(1, "dmesg: option requires an argument -- '%s'", option.replaceFirst("^-+", ""));
            return null;
        }
        return args[i];
    }

    private static Set<LogLevel> parseLevels(String list) {
        Set<LogLevel> levels = EnumSet.noneOf(LogLevel.class);
        for (String name : list.split(",")) {
            LogLevel l = byName(name);
            if (l == null) {
                Tool.fail(1, "dmesg: unknown level '%s'", name);
                return null;
            }
            levels.add(l);
        }
        return levels;
    }

    private void setConsoleLevel(String level) {
        int n;
        if (level.matches("[0-9]+")) {
            n = Integer.parseInt(level);
        } else {
            LogLevel l = byName(level);
            if (l == null) {
                Tool.fail(1, "dmesg: unknown level '%s'", level);
                return;
            }
            n = l.number() + 1;
        }
        try {
            syslog.setConsoleLevel(n);
        } catch (ErrnoException e) {
            Tool.fail(1, "dmesg: klogctl failed: %s", e.getMessage());
        }
    }

    private static LogLevel byName(String name) {
        for (LogLevel l : LogLevel.values()) {
            if (l.dmesgName().equals(name)) {
                return l;
            }
        }
        return null;
    }
}
