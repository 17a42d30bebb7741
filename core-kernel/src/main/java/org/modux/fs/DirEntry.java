package org.modux.fs;

/** One entry {@code getdents(2)} returns: name, inode number and {@code d_type}. */
public record DirEntry(String name, long ino, int type) {
}
