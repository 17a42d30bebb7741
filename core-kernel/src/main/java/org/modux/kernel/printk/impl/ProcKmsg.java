package org.modux.kernel.printk.impl;

import java.nio.ByteBuffer;

import org.modux.fs.FileMode;
import org.modux.fs.FileOperations;
import org.modux.fs.OpenFlags;
import org.modux.fs.proc.ProcFs;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * /proc/kmsg (Linux: fs/proc/kmsg.c; proc(5)), mode 0400: a read waits for kernel
 * messages and consumes them, formatted {@code <N>[    1.234567] text\n}; with
 * {@code O_NONBLOCK} it fails with EAGAIN instead of waiting. Consumption is global,
 * as in Linux: two readers share one position ({@code syslog_seq}), so each message
 * goes to one of them. The state is in {@link LogBuf}.
 */
@Component(immediate = true, service = {})
public final class ProcKmsg {

    static final String PATH = "kmsg";

    private final ProcFs procFs;

    @Activate
    public ProcKmsg(@Reference(name = "procfs") ProcFs procFs, @Reference(name = "log") KernelLog log)
            throws ErrnoException {
        this.procFs = procFs;
        LogBuf logBuf = log.logBuf();
        procFs.create(PATH, FileMode.S_IRUSR, flags -> new KmsgFile(logBuf, (flags & OpenFlags.O_NONBLOCK) != 0));
    }

    @Deactivate
    void deactivate() {
        try {
            procFs.remove(PATH);
        } catch (ErrnoException e) {
            // Already gone: procfs removes what a bundle leaves behind when it stops.
        }
    }

    /** One open /proc/kmsg ({@code kmsg_read}); the position is the global one, not the file's. */
    private record KmsgFile(LogBuf logBuf, boolean nonblock) implements FileOperations {

        @Override
        public int read(ByteBuffer dst, long pos) throws ErrnoException {
            return logBuf.syslogRead(dst, nonblock);
        }
    }
}
