package org.modux.fs.impl;

import org.modux.fs.Libfs;
import org.modux.fs.proc.ProcFs;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * /proc/mounts (proc(5), fstab(5) layout; Linux: fs/proc_namespace.c, show_vfsmnt):
 * {@code source mountpoint type options 0 0} per mount, in mount order. Linux makes
 * it a symlink to self/mounts; until there are processes it is the one namespace's
 * file itself.
 */
@Component
public final class ProcMounts {

    /**
     * What {@code mangle()} escapes in the source and the type: '#' as well as the field
     * and line separators, so that fstab parsers do not take it for a comment.
     */
    static final String MANGLE = " \t\n\\#";
    /** What {@code seq_path} escapes in the mount point: the separators only. */
    static final String PATH = " \t\n\\";

    private final ProcFs proc;

    @Activate
    public ProcMounts(@Reference ProcFs proc, @Reference VfsImpl vfs) throws ErrnoException {
        this.proc = proc;
        proc.createSingle("mounts", m -> {
            for (Mount mnt : vfs.mounts()) {
                m.printf("%s %s %s %s 0 0\n", Libfs.seqEscape(mnt.source(), MANGLE),
                        Libfs.seqEscape(mnt.mountpoint(), PATH), Libfs.seqEscape(mnt.fstype(), MANGLE), mnt.options());
            }
        });
    }

    @Deactivate
    void deactivate() throws ErrnoException {
        proc.remove("mounts");
    }
}
