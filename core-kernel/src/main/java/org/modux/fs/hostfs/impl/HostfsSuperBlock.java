package org.modux.fs.hostfs.impl;

import java.io.IOException;
import java.nio.file.Path;

import org.modux.fs.FileMode;
import org.modux.fs.Inode;
import org.modux.fs.Libfs;
import org.modux.fs.SuperBlock;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/**
 * One hostfs mount (Linux: fs/hostfs/hostfs_kern.c, {@code hostfs_fs_info},
 * {@code hostfs_fill_super}, {@code hostfs_show_options}): the host directory as the
 * mount was given it, for /proc/mounts, and the root inode over that directory's real
 * path, resolved once at mount time (a symbolic link to the directory is followed, as
 * {@code hostfs_fill_super} follows one). Immutable.
 */
final class HostfsSuperBlock implements SuperBlock {

    /** What {@code seq_show_option} escapes in an option: the option separators as well as the field ones. */
    private static final String OPTION_SPECIALS = ",= \t\n\\";

    private final String hostDir;
    private final HostfsInode root;

    private HostfsSuperBlock(String hostDir, HostfsInode root) {
        this.hostDir = hostDir;
        this.root = root;
    }

    /** Mounts {@code hostDir}, an absolute host path: ENOENT, ENOTDIR, EACCES ... if no directory is reached there. */
    static HostfsSuperBlock fill(String hostDir) throws ErrnoException {
        Path real;
        try {
            real = Path.of(hostDir).toRealPath();
        } catch (IOException e) {
            throw HostErrno.toErrno(e);
        }
        HostfsInode root = HostfsInode.iget(real);
        if (!FileMode.isDir(root.mode())) {
            throw new ErrnoException(Errno.ENOTDIR);
        }
        return new HostfsSuperBlock(hostDir, root);
    }

    @Override
    public Inode root() {
        return root;
    }

    /** The host directory, as UML prints it after the generic options: {@code rw,relatime,/host/dir}. */
    @Override
    public String showOptions() {
        return Libfs.seqEscape(hostDir, OPTION_SPECIALS);
    }
}
