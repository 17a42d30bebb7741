package org.modux.usr.bin;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Process;
import org.modux.fs.File;
import org.modux.fs.OpenFlags;
import org.modux.fs.Vfs;
import org.modux.uapi.ErrnoException;
import org.modux.usr.nio.VfsFileSystem;

/**
 * What every console tool shares: the working directory, path resolution against
 * it, and reporting a failure as a Linux tool does (message on standard error,
 * non-zero exit status for the shell's {@code &&}, {@code ||} and for
 * {@code bin/modux -c}).
 */
final class Tool {

    /** Gogo's command scope for Modux's tools; sessions put it first in SCOPE. */
    static final String SCOPE = "modux";

    private Tool() {
    }

    /** The session's working directory in the VFS ("/" until a {@code cd}). */
    static String cwd(CommandSession session) {
        Path dir = session.currentDir();
        return dir instanceof org.modux.usr.nio.VfsPath ? dir.toString() : "/";
    }

    /** {@code arg} as an absolute VFS path, relative names taken from the working directory. */
    static String abs(CommandSession session, String arg) {
        if (arg.startsWith("/")) {
            return arg;
        }
        String cwd = cwd(session);
        return cwd.endsWith("/") ? cwd + arg : cwd + "/" + arg;
    }

    /** Makes {@code dir} the session's working directory. */
    static void chdir(CommandSession session, VfsFileSystem fs, String dir) {
        session.currentDir(fs.path(dir));
    }

    /** Prints {@code message} on standard error and sets the exit status. */
    static void fail(int status, String format, Object... args) {
        Process p = Process.Utils.current();
        p.err().println(String.format(format, args));
        p.err().flush();
        p.error(status);
    }

    /** The whole of a file, read with read(2) as cat does. */
    static String readFile(Vfs vfs, String path) throws ErrnoException {
        return new String(readBytes(vfs, path), StandardCharsets.UTF_8);
    }

    /** The whole of a file as bytes, read with read(2) in 4 KiB pieces. */
    static byte[] readBytes(Vfs vfs, String path) throws ErrnoException {
        try (File f = vfs.open(path, OpenFlags.O_RDONLY, 0)) {
            ByteBuffer buf = ByteBuffer.allocate(4096);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            while (f.read(buf) > 0) {
                all.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            return all.toByteArray();
        }
    }

    /**
     * The screen width a tool formats for: the session's COLUMNS when writing to a
     * terminal, else {@code otherwise} (procps: unlimited; psmisc: 132).
     */
    static int columns(CommandSession session, int otherwise) {
        Object columns = session.get("COLUMNS");
        boolean terminal = Process.Utils.current().isTty(1);
        return terminal && columns instanceof Integer c && c > 0 ? c : otherwise;
    }

    static java.io.PrintStream out() {
        return Process.Utils.current().out();
    }
}
