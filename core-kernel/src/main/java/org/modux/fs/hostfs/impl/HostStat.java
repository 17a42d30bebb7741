package org.modux.fs.hostfs.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.modux.uapi.ErrnoException;

/**
 * What hostfs takes from a host file's {@code lstat(2)} (Linux: fs/hostfs/hostfs.h,
 * {@code struct hostfs_stat}, filled by hostfs_user.c's {@code stat_file}): the
 * host's whole {@code st_mode}, inode number, link count, size and modification time.
 */
record HostStat(int mode, long ino, int nlink, long size, long mtimeNanos) {

    /** The attributes of java.nio's "unix" view that make a {@code struct stat}. */
    private static final String ATTRIBUTES = "unix:mode,ino,nlink,size,lastModifiedTime";

    /** {@code lstat(2)} on the host: a symbolic link is described, never followed. */
    static HostStat lstat(Path path) throws ErrnoException {
        try {
            Map<String, Object> a = Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            return new HostStat((Integer) a.get("mode"), (Long) a.get("ino"), (Integer) a.get("nlink"),
                    (Long) a.get("size"), ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS));
        } catch (IOException e) {
            throw HostErrno.toErrno(e);
        }
    }
}
