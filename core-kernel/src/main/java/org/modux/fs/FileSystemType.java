package org.modux.fs;

import org.modux.uapi.ErrnoException;

/**
 * A filesystem type (Linux: {@code struct file_system_type}). Registering one as an
 * OSGi service is {@code register_filesystem()}: it appears in /proc/filesystems
 * and {@code mount -t NAME} can use it; unregistering it is
 * {@code unregister_filesystem()}. The service carries {@value #NAME_PROPERTY} = its name.
 */
public interface FileSystemType {

    /** Service property every registered type carries: its {@link #name()}, for targeted references. */
    String NAME_PROPERTY = "fs.name";

    /** The name {@code mount -t} takes and /proc/filesystems lists. */
    String name();

    /** {@code FS_REQUIRES_DEV}: false shows as {@code nodev} in /proc/filesystems. */
    default boolean requiresDev() {
        return false;
    }

    /**
     * Makes a superblock for a new mount ({@code fs_context}'s get_tree).
     *
     * @param source the device or name given to mount
     * @param flags  the {@code MS_*} flags
     * @param data   filesystem-specific options, may be empty
     */
    SuperBlock mount(String source, long flags, String data) throws ErrnoException;
}
