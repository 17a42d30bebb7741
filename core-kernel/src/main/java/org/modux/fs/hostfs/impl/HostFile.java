package org.modux.fs.hostfs.impl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

import org.modux.fs.FileOperations;
import org.modux.fs.OpenFlags;
import org.modux.uapi.ErrnoException;

/**
 * A regular host file opened through hostfs (Linux: fs/hostfs/hostfs_kern.c,
 * {@code hostfs_file_fops}, over hostfs_user.c's {@code open_file}, {@code read_file}
 * and {@code write_file}): one host file channel per open(2), read and written at
 * the position the VFS passes, as {@code pread}/{@code pwrite} do, and closed at the
 * last close. There is no page cache: every call reaches the host. O_TRUNC, O_APPEND
 * and O_CREAT are the VFS's work (truncate, the size as position, create).
 *
 * <p>The channel is safe for concurrent positional reads and writes; no lock.
 */
final class HostFile implements FileOperations {

    private final FileChannel channel;

    private HostFile(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * Opens {@code path} for the access mode of {@code flags}. A symbolic link the host
     * put there since lookup fails (EIO); it is never followed.
     */
    static HostFile open(Path path, int flags) throws ErrnoException {
        Set<OpenOption> options = new HashSet<>();
        options.add(LinkOption.NOFOLLOW_LINKS);
        if (OpenFlags.readable(flags)) {
            options.add(StandardOpenOption.READ);
        }
        if (OpenFlags.writable(flags)) {
            options.add(StandardOpenOption.WRITE);
        }
        try {
            return new HostFile(FileChannel.open(path, options));
        } catch (IOException e) {
            throw HostErrno.toErrno(e);
        }
    }

    @Override
    public int read(ByteBuffer dst, long pos) throws ErrnoException {
        try {
            return Math.max(channel.read(dst, pos), 0);
        } catch (IOException e) {
            throw HostErrno.toErrno(e);
        }
    }

    /** Writes all of {@code src}: a host's short write is continued, as {@code write_file}'s callers expect. */
    @Override
    public int write(ByteBuffer src, long pos) throws ErrnoException {
        int written = 0;
        try {
            while (src.hasRemaining()) {
                written += channel.write(src, pos + written);
            }
            return written;
        } catch (IOException e) {
            throw HostErrno.toErrno(e);
        }
    }

    @Override
    public void release() {
        try {
            channel.close();
        } catch (IOException e) {
            // close(2)'s error reaches no one: release has no caller to tell, as in Linux.
        }
    }
}
