package org.modux.fs.hostfs.impl;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.modux.fs.DirEntry;
import org.modux.fs.FileMode;
import org.modux.fs.FileOperations;
import org.modux.fs.Inode;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/**
 * A host file, directory or symbolic link seen through a hostfs mount (Linux:
 * fs/hostfs/hostfs_kern.c, {@code hostfs_iget}, {@code hostfs_lookup},
 * {@code hostfs_readdir}, {@code hostfs_create}, {@code hostfs_mkdir},
 * {@code hostfs_unlink}, {@code hostfs_rmdir}; the host calls are hostfs_user.c's).
 * Each lookup makes a new inode from the host's {@code lstat}, as {@code hostfs_iget}
 * does; size and modification time are asked of the host again each time, so an
 * open file sees its own writes and the host's. Host inode numbers show through.
 *
 * <p>Confinement: an inode's host path is the mount's real host directory plus the
 * names the VFS walked, each checked by {@link #child} to be one plain name. Host
 * symbolic links are never followed on the host: lookup describes them (lstat), and
 * the VFS resolves their targets in its own namespace, where ".." at the mount root
 * leads to the mount point's parent and an absolute target starts at the VFS root.
 * Files are opened with NOFOLLOW_LINKS. So no path through the VFS reaches a host file
 * outside the mounted directory. (The host itself could swap a directory on the path
 * for a link between two calls; the VFS has no call that makes links.)
 *
 * <p>Owners show as root, as every caller in Modux is root; the permission bits are
 * the host's, and the host has the last word: what the host user may not do fails
 * with EACCES. No lock: the state lives on the host, whose own locking orders calls.
 */
final class HostfsInode implements Inode {

    private final Path path;
    /** What lookup saw; size and mtime fall back to it once the host file is gone. */
    private final HostStat st;

    private HostfsInode(Path path, HostStat st) {
        this.path = path;
        this.st = st;
    }

    /** {@code hostfs_iget}: the inode of the host file {@code path}, which must exist. */
    static HostfsInode iget(Path path) throws ErrnoException {
        return new HostfsInode(path, HostStat.lstat(path));
    }

    @Override
    public long ino() {
        return st.ino();
    }

    @Override
    public int mode() {
        return st.mode();
    }

    @Override
    public int nlink() {
        return st.nlink();
    }

    @Override
    public long size() {
        return now().size();
    }

    @Override
    public long mtimeNanos() {
        return now().mtimeNanos();
    }

    /** The host's attributes at this moment, or lookup's once the file is gone (an unlinked open file). */
    private HostStat now() {
        try {
            return HostStat.lstat(path);
        } catch (ErrnoException e) {
            return st;
        }
    }

    @Override
    public Inode lookup(String name) throws ErrnoException {
        Path p = child(name);
        try {
            return iget(p);
        } catch (ErrnoException e) {
            if (e.errno() == Errno.ENOENT) {
                return null;
            }
            throw e;
        }
    }

    /** The host directory's entries in the host's order, each with its {@code d_type} from lstat. */
    @Override
    public List<DirEntry> readdir() throws ErrnoException {
        checkDir();
        List<DirEntry> entries = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(path)) {
            for (Path p : dir) {
                HostStat s;
                try {
                    s = HostStat.lstat(p);
                } catch (ErrnoException e) {
                    // Removed on the host since the listing began: a later readdir would not show it either.
                    continue;
                }
                entries.add(new DirEntry(p.getFileName().toString(), s.ino(), FileMode.dtype(s.mode())));
            }
        } catch (IOException e) {
            throw HostErrno.toErrno(e);
        } catch (DirectoryIteratorException e) {
            throw HostErrno.toErrno(e.getCause());
        }
        return entries;
    }

    @Override
    public Inode create(String name, int mode) throws ErrnoException {
        Path p = child(name);
        try {
            Files.createFile(p, permissions(mode));
        } catch (IOException e) {
            throw HostErrno.toErrno(e);
        }
        return iget(p);
    }

    @Override
    public Inode mkdir(String name, int mode) throws ErrnoException {
        Path p = child(name);
        try {
            Files.createDirectory(p, permissions(mode));
        } catch (IOException e) {
            throw HostErrno.toErrno(e);
        }
        return iget(p);
    }

    /** {@code unlink(2)} on the host; a directory is EISDIR, since java.nio's delete would remove an empty one. */
    @Override
    public void unlink(String name) throws ErrnoException {
        Path p = child(name);
        if (FileMode.isDir(HostStat.lstat(p).mode())) {
            throw new ErrnoException(Errno.EISDIR);
        }
        delete(p);
    }

    /** {@code rmdir(2)} on the host: ENOTDIR for anything but a directory, ENOTEMPTY for a full one. */
    @Override
    public void rmdir(String name) throws ErrnoException {
        Path p = child(name);
        if (!FileMode.isDir(HostStat.lstat(p).mode())) {
            throw new ErrnoException(Errno.ENOTDIR);
        }
        delete(p);
    }

    /** Regular files only: opening a host FIFO or device from inside Modux would block or reach host hardware. */
    @Override
    public FileOperations open(int flags) throws ErrnoException {
        if (!FileMode.isReg(st.mode())) {
            throw new ErrnoException(Errno.ENXIO);
        }
        return HostFile.open(path, flags);
    }

    @Override
    public void truncate(long size) throws ErrnoException {
        try (FileChannel c = FileChannel.open(path, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            c.truncate(size);
        } catch (IOException e) {
            throw HostErrno.toErrno(e);
        }
    }

    @Override
    public String readlink() throws ErrnoException {
        if (!FileMode.isLnk(st.mode())) {
            throw new ErrnoException(Errno.EINVAL);
        }
        try {
            return Files.readSymbolicLink(path).toString();
        } catch (IOException e) {
            throw HostErrno.toErrno(e);
        }
    }

    /**
     * The host path of the entry {@code name} of this directory. The VFS passes only
     * plain names; anything else ("", ".", "..", a name with '/' or NUL) is EINVAL
     * here, so that no name can lead a host path out of the mount.
     */
    private Path child(String name) throws ErrnoException {
        checkDir();
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\0') >= 0) {
            throw new ErrnoException(Errno.EINVAL);
        }
        return path.resolve(name);
    }

    private void checkDir() throws ErrnoException {
        if (!FileMode.isDir(st.mode())) {
            throw new ErrnoException(Errno.ENOTDIR);
        }
    }

    private static void delete(Path p) throws ErrnoException {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw HostErrno.toErrno(e);
        }
    }

    /** The permission bits of {@code mode} as java.nio's attribute; the host's umask applies on top, as for UML. */
    private static FileAttribute<Set<PosixFilePermission>> permissions(int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE,
        };
        for (int i = 0; i < order.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                perms.add(order[i]);
            }
        }
        return PosixFilePermissions.asFileAttribute(perms);
    }
}
