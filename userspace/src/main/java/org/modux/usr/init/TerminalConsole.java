package org.modux.usr.init;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.felix.gogo.jline.Parser;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.Function;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.modux.fs.DirEntry;
import org.modux.fs.FileMode;
import org.modux.fs.Vfs;
import org.modux.kernel.Kernel;
import org.modux.uapi.ErrnoException;
import org.modux.usr.nio.VfsFileSystem;

/**
 * The console on the host's terminal: a login shell's read-eval loop (as getty and
 * bash give one) over a Gogo session, with line editing, history and completion of
 * command and file names from jline. The prompt is bash's {@code root@host:~# };
 * Ctrl-C interrupts the running command; Ctrl-D logs out, which on this one-console
 * machine powers it off.
 */
final class TerminalConsole {

    private final Kernel kernel;
    private final Vfs vfs;
    private final CommandProcessor processor;
    private final VfsFileSystem fs;

    TerminalConsole(Kernel kernel, Vfs vfs, CommandProcessor processor, VfsFileSystem fs) {
        this.kernel = kernel;
        this.vfs = vfs;
        this.processor = processor;
        this.fs = fs;
    }

    /** Runs until Ctrl-D; returns the last command's status. */
    int run() throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().name("modux").system(true).nativeSignals(true)
                .signalHandler(Terminal.SignalHandler.SIG_IGN).build()) {
            PrintStream out = new PrintStream(terminal.output(), true, StandardCharsets.UTF_8);
            ConsoleSession session = new ConsoleSession(processor, fs, terminal.input(), out, out, "/root");
            session.put("#COLUMNS", (Function) (s, args) -> terminal.getWidth());
            terminal.handle(Terminal.Signal.INT, signal -> session.interruptForeground());
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("modux")
                    .parser(new Parser()).completer((r, line, candidates) -> complete(session, line, candidates))
                    .build();
            int status = 0;
            while (true) {
                String line;
                try {
                    line = reader.readLine(prompt(session.cwd()));
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    out.println("logout");
                    break;
                }
                if (!line.isBlank()) {
                    status = session.run(line);
                }
            }
            session.close();
            return status;
        }
    }

    /** bash's default root prompt: {@code root@HOST:DIR# }, home shown as "~". */
    private String prompt(String cwd) {
        String dir = cwd.equals("/root") ? "~" : cwd.startsWith("/root/") ? "~" + cwd.substring(5) : cwd;
        return "root@" + kernel.uname().nodename() + ":" + dir + "# ";
    }

    /** Command names for the first word, VFS file names for the others. */
    private void complete(ConsoleSession session, ParsedLine line, List<Candidate> candidates) {
        if (line.wordIndex() == 0) {
            for (String command : session.commands()) {
                String name = command.substring(command.indexOf(':') + 1);
                candidates.add(new Candidate(name, name, null, null, null, null, true));
            }
            return;
        }
        String word = line.word().substring(0, line.wordCursor());
        int slash = word.lastIndexOf('/');
        String dirPart = slash < 0 ? "" : word.substring(0, slash + 1);
        String dir = dirPart.startsWith("/") ? dirPart : session.cwd() + "/" + dirPart;
        try {
            for (DirEntry e : vfs.getdents(dir.isEmpty() ? "/" : dir)) {
                if (e.name().equals(".") || e.name().equals("..")) {
                    continue;
                }
                boolean isDir = e.type() == FileMode.dtype(FileMode.S_IFDIR)
                        || e.type() == FileMode.dtype(FileMode.S_IFLNK) && isDirectory(dir + "/" + e.name());
                String value = dirPart + e.name() + (isDir ? "/" : "");
                candidates.add(new Candidate(value, e.name() + (isDir ? "/" : ""), null, null, null, null, !isDir));
            }
        } catch (ErrnoException e) {
            // Nothing to offer in a directory that cannot be listed.
        }
    }

    private boolean isDirectory(String path) {
        try {
            return FileMode.isDir(vfs.stat(path).mode());
        } catch (ErrnoException e) {
            return false;
        }
    }
}
