package org.modux.usr.bin;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Process;
import org.modux.fs.DirEntry;
import org.modux.fs.FileMode;
import org.modux.fs.Kstat;
import org.modux.fs.Vfs;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code ls} (coreutils, ls(1)): lists directories through getdents and stat, in
 * byte order; {@code -l} long format with mode, links, owner, size and time,
 * {@code -a} with dot files, {@code -1} one per line, {@code -i} inode numbers;
 * columns as wide as the terminal ($COLUMNS) when writing to one, else one per line.
 * Exit status 2 when a name cannot be accessed, as GNU ls.
 */
@Component(service = Ls.class, property = {"osgi.command.scope=" + Tool.SCOPE, "osgi.command.function=ls"})
public final class Ls {

    private static final DateTimeFormatter RECENT = DateTimeFormatter.ofPattern("MMM ppd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter OLD = DateTimeFormatter.ofPattern("MMM ppd  yyyy", Locale.ROOT);
    private static final long SIX_MONTHS_NANOS = 15_778_476L * 1_000_000_000L;

    private final Vfs vfs;

    @Activate
    public Ls(@Reference Vfs vfs) {
        this.vfs = vfs;
    }

    private record Entry(String name, String path, Kstat st) {
    }

    @Descriptor("list directory contents")
    public void ls(CommandSession session, String... args) {
        boolean longFormat = false;
        boolean all = false;
        boolean onePerLine = false;
        boolean inodes = false;
        List<String> names = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("-") && a.length() > 1) {
                for (char c : a.substring(1).toCharArray()) {
                    switch (c) {
                        case 'l' -> longFormat = true;
                        case 'a' -> all = true;
                        case '1' -> onePerLine = true;
                        case 'i' -> inodes = true;
                        default -> {
                            Tool.fail(2, "ls: invalid option -- '%c'", c);
                            return;
                        }
                    }
                }
            } else {
                names.add(a);
            }
        }
        if (names.isEmpty()) {
            names.add(".");
        }
        Object columns = session.get("COLUMNS");
        boolean terminal = Process.Utils.current().isTty(1) && columns instanceof Integer;
        Options o = new Options(longFormat, all, onePerLine || !terminal, inodes,
                terminal && (Integer) columns > 0 ? (Integer) columns : 80);
        list(session, names, o);
    }

    private record Options(boolean longFormat, boolean all, boolean onePerLine, boolean inodes, int width) {
    }

    private void list(CommandSession session, List<String> names, Options o) {
        PrintStream out = Tool.out();
        List<Entry> files = new ArrayList<>();
        List<Entry> dirs = new ArrayList<>();
        for (String n : names) {
            String path = Tool.abs(session, n);
            try {
                Kstat st = vfs.stat(path);
                (FileMode.isDir(st.mode()) ? dirs : files).add(new Entry(n, path, st));
            } catch (ErrnoException e) {
                Tool.fail(2, "ls: cannot access '%s': %s", n, e.getMessage());
            }
        }
        files.sort(Comparator.comparing(Entry::name));
        dirs.sort(Comparator.comparing(Entry::name));
        print(out, files, o, false);
        boolean headers = names.size() > 1;
        boolean first = files.isEmpty();
        for (Entry d : dirs) {
            if (headers) {
                out.print((first ? "" : "\n") + d.name() + ":\n");
            }
            first = false;
            listDirectory(out, d, o);
        }
        out.flush();
    }

    private void listDirectory(PrintStream out, Entry dir, Options o) {
        List<Entry> entries = new ArrayList<>();
        try {
            for (DirEntry e : vfs.getdents(dir.path())) {
                if (!o.all() && e.name().startsWith(".")) {
                    continue;
                }
                String path = dir.path().endsWith("/") ? dir.path() + e.name() : dir.path() + "/" + e.name();
                entries.add(new Entry(e.name(), path, vfs.lstat(path)));
            }
        } catch (ErrnoException e) {
            Tool.fail(2, "ls: cannot open directory '%s': %s", dir.name(), e.getMessage());
            return;
        }
        entries.sort(Comparator.comparing(Entry::name));
        print(out, entries, o, true);
    }

    private void print(PrintStream out, List<Entry> entries, Options o, boolean total) {
        if (entries.isEmpty()) {
            return;
        }
        if (o.longFormat()) {
            printLong(out, entries, o, total);
        } else if (o.onePerLine()) {
            entries.forEach(e -> out.print((o.inodes() ? e.st().ino() + " " : "") + e.name() + "\n"));
        } else {
            printColumns(out, entries, o);
        }
    }

    private void printLong(PrintStream out, List<Entry> entries, Options o, boolean total) {
        int linkWidth = 1;
        int sizeWidth = 1;
        int inoWidth = 1;
        long blocks = 0;
        for (Entry e : entries) {
            linkWidth = Math.max(linkWidth, Integer.toString(e.st().nlink()).length());
            sizeWidth = Math.max(sizeWidth, Long.toString(e.st().size()).length());
            inoWidth = Math.max(inoWidth, Long.toString(e.st().ino()).length());
            blocks += e.st().blocks();
        }
        if (total) {
            out.print("total " + blocks / 2 + "\n");
        }
        long now = System.currentTimeMillis() * 1_000_000L;
        for (Entry e : entries) {
            StringBuilder line = new StringBuilder();
            if (o.inodes()) {
                line.append(String.format("%" + inoWidth + "d ", e.st().ino()));
            }
            line.append(FileMode.toLsString(e.st().mode()))
                    .append(String.format(" %" + linkWidth + "d root root %" + sizeWidth + "d ", e.st().nlink(),
                            e.st().size()))
                    .append(time(e.st().mtimeNanos(), now)).append(' ').append(e.name());
            if (FileMode.isLnk(e.st().mode())) {
                try {
                    line.append(" -> ").append(vfs.readlink(e.path()));
                } catch (ErrnoException x) {
                    Tool.fail(1, "ls: cannot read symbolic link '%s': %s", e.name(), x.getMessage());
                }
            }
            out.print(line.append('\n'));
        }
    }

    private static String time(long nanos, long now) {
        ZonedDateTime t = ZonedDateTime.ofInstant(Instant.ofEpochSecond(0, nanos), ZoneOffset.UTC);
        boolean recent = now - nanos < SIX_MONTHS_NANOS && nanos <= now + 3_600_000_000_000L;
        return (recent ? RECENT : OLD).format(t);
    }

    /** Column layout filling down then across, like ls to a terminal. */
    private static void printColumns(PrintStream out, List<Entry> entries, Options o) {
        List<String> cells = new ArrayList<>();
        for (Entry e : entries) {
            cells.add((o.inodes() ? e.st().ino() + " " : "") + e.name());
        }
        int width = o.width();
        int cols = cells.size();
        int[] widths;
        while (true) {
            int rows = (cells.size() + cols - 1) / cols;
            widths = new int[cols];
            int line = 0;
            for (int c = 0; c < cols; c++) {
                for (int r = 0; r < rows && c * rows + r < cells.size(); r++) {
                    widths[c] = Math.max(widths[c], cells.get(c * rows + r).length() + 2);
                }
                line += widths[c];
            }
            if (line <= width || cols == 1) {
                break;
            }
            cols--;
        }
        int rows = (cells.size() + cols - 1) / cols;
        for (int r = 0; r < rows; r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                int i = c * rows + r;
                if (i >= cells.size()) {
                    break;
                }
                String cell = cells.get(i);
                boolean lastInRow = c == cols - 1 || (c + 1) * rows + r >= cells.size();
                line.append(lastInRow ? cell : String.format("%-" + widths[c] + "s", cell));
            }
            out.print(line.append('\n'));
        }
    }
}
