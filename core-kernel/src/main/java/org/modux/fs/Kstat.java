package org.modux.fs;

/**
 * What {@code stat(2)} returns (Linux: {@code struct kstat}). Times are nanoseconds
 * since the Unix epoch.
 */
public record Kstat(long dev, long ino, int mode, int nlink, int uid, int gid, long rdev, long size,
        int blksize, long blocks, long atimeNanos, long mtimeNanos, long ctimeNanos) {
}
