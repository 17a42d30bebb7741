package org.modux.usr.init;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.FileSystemException;

import org.apache.felix.gogo.runtime.CommandNotFoundException;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.apache.felix.service.command.Job;
import org.modux.usr.nio.VfsFileSystem;

/**
 * A console session as a login shell starts it: Modux's tools first in the command
 * path ({@code SCOPE=modux:*}), the working directory in the VFS, and each line's
 * exit status kept as {@code $?} is, the last job's. Errors the shell itself meets
 * are printed the way a POSIX shell prints them ({@code sh: foo: not found}, status
 * 127); a value a Gogo command returns is printed as Gogo's shell prints it. Used by init for the terminal console, {@code bin/modux -c} and commands
 * piped on stdin.
 */
final class ConsoleSession {

    private final CommandSession session;
    private final PrintStream out;
    private final PrintStream err;
    /** The last finished job's status; written by Gogo's job threads. */
    private volatile int lastStatus;

    ConsoleSession(CommandProcessor processor, VfsFileSystem fs, InputStream in, PrintStream out, PrintStream err,
            String cwd) {
        this.out = out;
        this.err = err;
        this.session = processor.createSession(in, out, err);
        session.put("SCOPE", "modux:*");
        session.put("HOME", "/root");
        session.currentDir(fs.path(cwd));
        session.setJobListener((job, previous, current) -> {
            if (current == Job.Status.Done && job.result() != null) {
                lastStatus = job.result().exception() != null ? 1 : job.result().error();
            }
        });
    }

    /** Runs one command line; returns its exit status. */
    int run(String line) {
        lastStatus = 0;
        try {
            Object result = session.execute(line);
            if (result != null) {
                // Gogo commands may return their output as a value, which a shell prints.
                out.println(session.format(result, Converter.INSPECT));
            }
            return lastStatus;
        } catch (CommandNotFoundException e) {
            err.println("sh: " + e.getCommand() + ": not found");
            return 127;
        } catch (FileSystemException e) {
            err.println("sh: " + e.getFile() + ": " + (e.getReason() == null ? "I/O error" : e.getReason()));
            return 1;
        } catch (Exception e) {
            err.println("sh: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return 1;
        } finally {
            err.flush();
            session.getConsole().flush();
        }
    }

    /** Sets a session variable; a {@code #NAME} Function makes {@code $NAME} computed on each read. */
    void put(String name, Object value) {
        session.put(name, value);
    }

    /** The commands the shell knows, as {@code scope:name}. */
    @SuppressWarnings("unchecked")
    java.util.Set<String> commands() {
        return (java.util.Set<String>) session.get(".commands");
    }

    /** The working directory. */
    String cwd() {
        return session.currentDir().toString();
    }

    /** Interrupts the command running in the foreground, as Ctrl-C does. */
    void interruptForeground() {
        Job job = session.foregroundJob();
        if (job != null) {
            job.interrupt();
        }
    }

    void close() {
        session.close();
    }
}
