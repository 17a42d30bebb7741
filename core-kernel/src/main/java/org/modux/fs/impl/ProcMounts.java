package org.modux.fs.impl;

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

    private final ProcFs proc;

    @Activate
    public ProcMounts(@Reference ProcFs proc, @Reference VfsImpl vfs) throws ErrnoException {
        this.proc = proc;
        proc.createSingle("mounts", m -> {
            for (Mount mnt : vfs.mounts()) {
                m.printf("%s %s %s %s 0 0\n", escape(mnt.source()), escape(mnt.mountpoint()), mnt.fstype(),
                        mnt.options());
            }
        });
    }

    /** {@code mangle()}: space, tab, newline and backslash become octal escapes. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == ' ' || c == '\t' || c == '\n' || c == '\\') {
                out.append(String.format("\\%03o", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @Deactivate
    void deactivate() throws ErrnoException {
        proc.remove("mounts");
    }
}
