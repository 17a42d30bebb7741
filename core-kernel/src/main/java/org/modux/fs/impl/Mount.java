package org.modux.fs.impl;

import org.modux.fs.SuperBlock;
import org.modux.fs.Vfs;

/**
 * One mounted filesystem (Linux: {@code struct mount}): what is mounted, where, and
 * with which flags. Immutable; the mount table in {@link Namespace} holds them.
 *
 * @param source     the device or name given to mount(2), first column of /proc/mounts
 * @param mountpoint canonical absolute path of the mount point
 * @param fstype     the filesystem type's name
 * @param sb         the superblock
 * @param flags      {@code MS_*} flags
 * @param dev        the device number stat(2) reports for files on it
 */
record Mount(String source, String mountpoint, String fstype, SuperBlock sb, long flags, long dev) {

    /** The options column of /proc/mounts, as Linux's {@code show_vfsmnt} prints it. */
    String options() {
        StringBuilder s = new StringBuilder((flags & Vfs.MS_RDONLY) != 0 ? "ro" : "rw");
        if ((flags & Vfs.MS_NOSUID) != 0) {
            s.append(",nosuid");
        }
        if ((flags & Vfs.MS_NODEV) != 0) {
            s.append(",nodev");
        }
        if ((flags & Vfs.MS_NOEXEC) != 0) {
            s.append(",noexec");
        }
        if ((flags & Vfs.MS_RELATIME) != 0) {
            s.append(",relatime");
        }
        String fsOptions = sb.showOptions();
        if (!fsOptions.isEmpty()) {
            s.append(',').append(fsOptions);
        }
        return s.toString();
    }
}
