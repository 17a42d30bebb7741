package org.modux.usr.nio;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.modux.fs.DirEntry;
import org.modux.fs.File;
import org.modux.fs.FileMode;
import org.modux.fs.Kstat;
import org.modux.fs.OpenFlags;
import org.modux.fs.Vfs;
import org.modux.uapi.ErrnoException;

/**
 * java.nio operations as Modux system calls: open, getdents, stat, mkdir, unlink.
 * Errors come back as the java.nio exception closest to the errno, carrying
 * glibc's message.
 */
final class VfsFileSystemProvider extends FileSystemProvider {

    static final String SCHEME = "modux";

    private final VfsFileSystem fs;
    private final Vfs vfs;

    VfsFileSystemProvider(VfsFileSystem fs, Vfs vfs) {
        this.fs = fs;
        this.vfs = vfs;
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
        throw new UnsupportedOperationException("there is one Modux VFS");
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        return fs;
    }

    @Override
    public Path getPath(URI uri) {
        return fs.path(uri.getPath());
    }

    private String abs(Path p) {
        return fs.cast(p).toAbsolutePath().toString();
    }

    /** The java.nio exception for an errno, as close as java.nio has. */
    static IOException toIo(ErrnoException e, String file) {
        Libc.setErrno(e.errno());
        return switch (e.errno()) {
            case ENOENT -> new NoSuchFileException(file, null, e.getMessage());
            case EACCES, EPERM -> new AccessDeniedException(file, null, e.getMessage());
            case EEXIST -> new FileAlreadyExistsException(file, null, e.getMessage());
            case ENOTDIR -> new NotDirectoryException(file);
            case ENOTEMPTY -> new DirectoryNotEmptyException(file);
            default -> new FileSystemException(file, null, e.getMessage());
        };
    }

    String realpath(Path p) throws IOException {
        try {
            return vfs.realpath(abs(p));
        } catch (ErrnoException e) {
            throw toIo(e, p.toString());
        }
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        boolean read = options.contains(StandardOpenOption.READ);
        boolean write = options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
        int flags = write ? (read ? OpenFlags.O_RDWR : OpenFlags.O_WRONLY) : OpenFlags.O_RDONLY;
        if (options.contains(StandardOpenOption.APPEND)) {
            flags |= OpenFlags.O_APPEND;
        }
        if (options.contains(StandardOpenOption.TRUNCATE_EXISTING) && write) {
            flags |= OpenFlags.O_TRUNC;
        }
        if (options.contains(StandardOpenOption.CREATE_NEW)) {
            flags |= OpenFlags.O_CREAT | OpenFlags.O_EXCL;
        } else if (options.contains(StandardOpenOption.CREATE)) {
            flags |= OpenFlags.O_CREAT;
        }
        try {
            return new FileChannel(vfs.open(abs(path), flags, 0666), path.toString());
        } catch (ErrnoException e) {
            throw toIo(e, path.toString());
        }
    }

    /** A VFS file as a java.nio channel. */
    private static final class FileChannel implements SeekableByteChannel {
        private final File file;
        private final String name;
        private boolean open = true;

        FileChannel(File file, String name) {
            this.file = file;
            this.name = name;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            try {
                int n = file.read(dst);
                return n == 0 && dst.hasRemaining() ? -1 : n;
            } catch (ErrnoException e) {
                throw toIo(e, name);
            }
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            try {
                return file.write(src);
            } catch (ErrnoException e) {
                throw toIo(e, name);
            }
        }

        @Override
        public long position() throws IOException {
            try {
                return file.lseek(0, File.SEEK_CUR);
            } catch (ErrnoException e) {
                throw toIo(e, name);
            }
        }

        @Override
        public SeekableByteChannel position(long newPosition) throws IOException {
            try {
                file.lseek(newPosition, File.SEEK_SET);
                return this;
            } catch (ErrnoException e) {
                throw toIo(e, name);
            }
        }

        @Override
        public long size() throws IOException {
            long here = position();
            try {
                long end = file.lseek(0, File.SEEK_END);
                file.lseek(here, File.SEEK_SET);
                return end;
            } catch (ErrnoException e) {
                throw toIo(e, name);
            }
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new UnsupportedOperationException("ftruncate is not implemented");
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
            file.close();
        }
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        List<Path> out = new ArrayList<>();
        try {
            for (DirEntry e : vfs.getdents(abs(dir))) {
                if (e.name().equals(".") || e.name().equals("..")) {
                    continue;
                }
                Path p = dir.resolve(e.name());
                if (filter == null || filter.accept(p)) {
                    out.add(p);
                }
            }
        } catch (ErrnoException e) {
            throw toIo(e, dir.toString());
        }
        return new DirectoryStream<>() {
            @Override
            public Iterator<Path> iterator() {
                return out.iterator();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        try {
            vfs.mkdir(abs(dir), 0777);
        } catch (ErrnoException e) {
            throw toIo(e, dir.toString());
        }
    }

    @Override
    public void delete(Path path) throws IOException {
        try {
            if (FileMode.isDir(vfs.lstat(abs(path)).mode())) {
                vfs.rmdir(abs(path));
            } else {
                vfs.unlink(abs(path));
            }
        } catch (ErrnoException e) {
            throw toIo(e, path.toString());
        }
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) {
        throw new UnsupportedOperationException("copy is not implemented");
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) {
        throw new UnsupportedOperationException("rename is not implemented");
    }

    @Override
    public boolean isSameFile(Path path, Path path2) throws IOException {
        return realpath(path).equals(realpath(path2));
    }

    @Override
    public boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    @Override
    public FileStore getFileStore(Path path) {
        throw new UnsupportedOperationException("statfs is not implemented");
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        Kstat st = stat(path, true);
        for (AccessMode m : modes) {
            int bit = switch (m) {
                case READ -> FileMode.S_IRUSR;
                case WRITE -> FileMode.S_IWUSR;
                case EXECUTE -> FileMode.S_IXUSR;
            };
            if ((st.mode() & bit) == 0) {
                throw new AccessDeniedException(path.toString());
            }
        }
    }

    private Kstat stat(Path path, boolean follow) throws IOException {
        try {
            return follow ? vfs.stat(abs(path)) : vfs.lstat(abs(path));
        } catch (ErrnoException e) {
            throw toIo(e, path.toString());
        }
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        if (type != BasicFileAttributes.class) {
            throw new UnsupportedOperationException(type.getName());
        }
        Kstat st = stat(path, options.length == 0);
        return (A) new Attributes(st);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
            throws IOException {
        Attributes a = new Attributes(stat(path, options.length == 0));
        return Map.of("size", a.size(), "isDirectory", a.isDirectory(), "isRegularFile", a.isRegularFile(),
                "isSymbolicLink", a.isSymbolicLink(), "lastModifiedTime", a.lastModifiedTime(), "fileKey",
                a.fileKey());
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) {
        throw new UnsupportedOperationException("chmod and utimes are not implemented");
    }

    /** {@code stat(2)} results as java.nio basic attributes. */
    private record Attributes(Kstat st) implements BasicFileAttributes {
        @Override
        public FileTime lastModifiedTime() {
            return FileTime.from(st.mtimeNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public FileTime lastAccessTime() {
            return FileTime.from(st.atimeNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public FileTime creationTime() {
            return FileTime.from(st.ctimeNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public boolean isRegularFile() {
            return FileMode.isReg(st.mode());
        }

        @Override
        public boolean isDirectory() {
            return FileMode.isDir(st.mode());
        }

        @Override
        public boolean isSymbolicLink() {
            return FileMode.isLnk(st.mode());
        }

        @Override
        public boolean isOther() {
            return !isRegularFile() && !isDirectory() && !isSymbolicLink();
        }

        @Override
        public long size() {
            return st.size();
        }

        @Override
        public Object fileKey() {
            return st.dev() + ":" + st.ino();
        }
    }
}
