package org.modux.fs;

/** A mounted instance of a filesystem (Linux: {@code struct super_block}). */
public interface SuperBlock {

    /** The root inode of this filesystem. */
    Inode root();

    /** Filesystem-specific options /proc/mounts prints after the generic ones ({@code show_options}). */
    default String showOptions() {
        return "";
    }

    /** Called when the last mount of this superblock goes ({@code kill_sb}). */
    default void kill() {
    }
}
