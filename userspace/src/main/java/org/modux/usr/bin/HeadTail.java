package org.modux.usr.bin;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Process;
import org.modux.fs.Vfs;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code head} and {@code tail} (coreutils): the first or last lines (or bytes) of
 * files or standard input. {@code -n N}, {@code -N}, {@code -c N}; head's negative
 * counts ("all but the last N"), tail's {@code +N} ("from the Nth on"); {@code -q},
 * {@code -v}, and {@code ==> name <==} headers for more than one file. Following a
 * file ({@code -f}) is not supported. Messages are coreutils' (in the C locale).
 */
@Component(service = HeadTail.class, property = {"osgi.command.scope=" + Tool.SCOPE,
    "osgi.command.function=head", "osgi.command.function=tail"})
public final class HeadTail {

    private final Vfs vfs;

    @Activate
    public HeadTail(@Reference Vfs vfs) {
        this.vfs = vfs;
    }

    /** What to print: a count of lines or bytes, from the start or the end. */
    record Span(long count, boolean bytes, boolean fromStart, boolean allBut) {
    }

    @Descriptor("output the first part of files")
    public void head(CommandSession session, String... args) throws IOException {
        run(session, "head", args);
    }

    @Descriptor("output the last part of files")
    public void tail(CommandSession session, String... args) throws IOException {
        run(session, "tail", args);
    }

    private void run(CommandSession session, String cmd, String[] args) throws IOException {
        boolean tail = cmd.equals("tail");
        Span span = new Span(10, false, false, false);
        Boolean headers = null;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            try {
                if (a.equals("-n") || a.equals("-c") || a.equals("--lines") || a.equals("--bytes")) {
                    if (i + 1 >= args.length) {
                        Tool.fail(1, "%s: option requires an argument -- '%s'", cmd, a.charAt(a.length() - 1) == 's'
                                ? (a.startsWith("--l") ? "n" : "c") : a.substring(1));
                        return;
                    }
                    span = parse(cmd, args[++i], a.startsWith("-c") || a.equals("--bytes"), tail);
                } else if (a.matches("-[nc].+")) {
                    span = parse(cmd, a.substring(2), a.charAt(1) == 'c', tail);
                } else if (a.matches("-[0-9]+")) {
                    span = parse(cmd, a.substring(1), false, tail);
                } else if (a.equals("-q") || a.equals("--quiet") || a.equals("--silent")) {
                    headers = false;
                } else if (a.equals("-v") || a.equals("--verbose")) {
                    headers = true;
                } else if (a.equals("-f") || a.equals("-F") || a.equals("--follow")) {
                    Tool.fail(1, "%s: following a file (%s) is not supported", cmd, a);
                    return;
                } else if (a.startsWith("-") && a.length() > 1) {
                    Tool.fail(1, "%s: invalid option -- '%s'%nTry '%s --help' for more information.", cmd,
                            a.substring(1), cmd);
                    return;
                } else {
                    files.add(a);
                }
            } catch (IllegalArgumentException e) {
                Tool.fail(1, "%s", e.getMessage());
                return;
            }
        }
        if (files.isEmpty()) {
            files.add("-");
        }
        boolean showHeaders = headers != null ? headers : files.size() > 1;
        PrintStream out = Tool.out();
        boolean first = true;
        for (String name : files) {
            byte[] data;
            try {
                data = name.equals("-") ? Process.Utils.current().in().readAllBytes()
                        : Tool.readBytes(vfs, Tool.abs(session, name));
            } catch (ErrnoException e) {
                out.flush();
                Tool.fail(1, "%s: cannot open '%s' for reading: %s", cmd, name, e.getMessage());
                continue;
            }
            if (showHeaders) {
                out.print((first ? "" : "\n") + "==> " + (name.equals("-") ? "standard input" : name) + " <==\n");
            }
            first = false;
            byte[] part = select(data, span, tail);
            out.write(part, 0, part.length);
        }
        out.flush();
    }

    /** A count as coreutils takes it: digits, with tail's leading '+' and head's leading '-'. */
    static Span parse(String cmd, String text, boolean bytes, boolean tail) {
        String what = bytes ? "bytes" : "lines";
        boolean fromStart = tail && text.startsWith("+");
        boolean allBut = !tail && text.startsWith("-");
        String digits = fromStart || allBut || text.startsWith("+") ? text.substring(1) : text;
        if (!digits.matches("[0-9]+")) {
            throw new IllegalArgumentException(String.format("%s: invalid number of %s: '%s'", cmd, what, text));
        }
        long n;
        try {
            n = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            n = Long.MAX_VALUE;
        }
        return new Span(n, bytes, fromStart, allBut);
    }

    /** The part of {@code data} to print. */
    static byte[] select(byte[] data, Span s, boolean tail) {
        int len = data.length;
        int from;
        int to;
        if (s.bytes) {
            long n = Math.min(s.count, len);
            if (!tail) {
                from = 0;
                to = (int) (s.allBut ? len - n : n);
            } else if (s.fromStart) {
                from = (int) Math.min(len, Math.max(0, s.count - 1));
                to = len;
            } else {
                from = (int) (len - n);
                to = len;
            }
        } else {
            List<Integer> starts = new ArrayList<>();
            for (int i = 0; i < len; i++) {
                if (i == 0 || data[i - 1] == '\n') {
                    starts.add(i);
                }
            }
            int lines = starts.size();
            long n = Math.min(s.count, lines);
            int firstLine;
            int endLine;
            if (!tail) {
                firstLine = 0;
                endLine = (int) (s.allBut ? lines - n : n);
            } else if (s.fromStart) {
                firstLine = (int) Math.min(lines, Math.max(0, s.count - 1));
                endLine = lines;
            } else {
                firstLine = (int) (lines - n);
                endLine = lines;
            }
            from = firstLine < lines ? starts.get(firstLine) : len;
            to = endLine < lines ? starts.get(endLine) : len;
        }
        byte[] part = new byte[Math.max(0, to - from)];
        System.arraycopy(data, from, part, 0, part.length);
        return part;
    }
}
