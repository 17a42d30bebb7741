package org.modux.itests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.FileSystemException;
import java.nio.charset.StandardCharsets;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Job;

/**
 * A console session as a user gets one: Modux's tools first in the command path,
 * working directory in the VFS; runs a command line and keeps what it printed and
 * its exit status.
 */
final class Console {

    /** What a command line printed, and its status. */
    record Result(String out, String err, int status) {
    }

    private final CommandProcessor processor;

    Console(CommandProcessor processor) {
        this.processor = processor;
    }

    Result run(String line) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int[] status = new int[1];
        try (CommandSession s = processor.createSession(new ByteArrayInputStream(new byte[0]), o, e)) {
            s.put("SCOPE", "modux:*");
            s.execute("cd /");
            s.setJobListener((job, previous, current) -> {
                if (current == Job.Status.Done && job.result() != null) {
                    status[0] = job.result().error();
                }
            });
            try {
                s.execute(line);
            } catch (FileSystemException x) {
                e.println("sh: " + x.getFile() + ": " + x.getReason());
                status[0] = 1;
            }
        }
        o.flush();
        e.flush();
        return new Result(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), status[0]);
    }
}
