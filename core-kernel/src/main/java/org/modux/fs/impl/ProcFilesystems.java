package org.modux.fs.impl;

import org.modux.fs.FileSystemType;
import org.modux.fs.proc.ProcFs;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * /proc/filesystems (proc(5); Linux: fs/filesystems.c): one line per registered
 * filesystem type, {@code nodev} and a tab for those without a device, else a tab.
 */
@Component
public final class ProcFilesystems {

    private final ProcFs proc;

    @Activate
    public ProcFilesystems(@Reference ProcFs proc, @Reference VfsImpl vfs) throws ErrnoException {
        this.proc = proc;
        proc.createSingle("filesystems", m -> {
            for (FileSystemType t : vfs.filesystems()) {
                m.printf("%s\t%s\n", t.requiresDev() ? "" : "nodev", t.name());
            }
        });
    }

    @Deactivate
    void deactivate() throws ErrnoException {
        proc.remove("filesystems");
    }
}
