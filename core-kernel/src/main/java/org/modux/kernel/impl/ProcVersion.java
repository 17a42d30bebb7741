package org.modux.kernel.impl;

import org.modux.fs.proc.ProcFs;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * /proc/version and /proc/cmdline (proc(5); Linux: fs/proc/version.c,
 * fs/proc/cmdline.c): the banner the boot log starts with, and the command line the
 * kernel booted with.
 */
@Component
public final class ProcVersion {

    private final ProcFs proc;

    @Activate
    public ProcVersion(@Reference ProcFs proc, @Reference Setup setup) throws ErrnoException {
        this.proc = proc;
        String banner = setup.version().banner();
        String cmdline = setup.machine().commandLine();
        proc.createSingle("version", m -> m.puts(banner).putc('\n'));
        proc.createSingle("cmdline", m -> m.puts(cmdline).putc('\n'));
    }

    @Deactivate
    void deactivate() throws ErrnoException {
        proc.remove("cmdline");
        proc.remove("version");
    }
}
