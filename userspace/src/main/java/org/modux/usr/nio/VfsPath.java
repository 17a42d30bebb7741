package org.modux.usr.nio;

import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;

import org.modux.fs.Libfs;

/**
 * A path in the Modux VFS, seen through java.nio. It is only a name: every access
 * goes to the kernel's {@link org.modux.fs.Vfs}. Resolving a path of another file
 * system (Gogo turns {@code > /proc/sys/x} into a host {@code Path}) takes its text,
 * so shell redirections land in the kernel's VFS, never on the host's disk.
 */
public final class VfsPath implements Path {

    private final VfsFileSystem fs;
    private final String path;

    VfsPath(VfsFileSystem fs, String path) {
        this.fs = fs;
        this.path = path;
    }

    @Override
    public FileSystem getFileSystem() {
        return fs;
    }

    @Override
    public boolean isAbsolute() {
        return path.startsWith("/");
    }

    @Override
    public Path getRoot() {
        return isAbsolute() ? new VfsPath(fs, "/") : null;
    }

    @Override
    public Path getFileName() {
        List<String> parts = parts();
        return parts.isEmpty() ? null : new VfsPath(fs, parts.get(parts.size() - 1));
    }

    @Override
    public Path getParent() {
        List<String> parts = parts();
        if (parts.isEmpty() || parts.size() == 1 && !isAbsolute()) {
            return null;
        }
        String up = String.join("/", parts.subList(0, parts.size() - 1));
        return new VfsPath(fs, isAbsolute() ? "/" + up : up);
    }

    @Override
    public int getNameCount() {
        return parts().size();
    }

    @Override
    public Path getName(int index) {
        return new VfsPath(fs, parts().get(index));
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        return new VfsPath(fs, String.join("/", parts().subList(beginIndex, endIndex)));
    }

    @Override
    public boolean startsWith(Path other) {
        List<String> mine = parts();
        List<String> theirs = ((VfsPath) fs.cast(other)).parts();
        return other.isAbsolute() == isAbsolute() && mine.size() >= theirs.size()
                && mine.subList(0, theirs.size()).equals(theirs);
    }

    /** As java.nio defines it: a path with a root ends only a path with the same root and names. */
    @Override
    public boolean endsWith(Path other) {
        List<String> mine = parts();
        List<String> theirs = ((VfsPath) fs.cast(other)).parts();
        if (other.isAbsolute()) {
            return isAbsolute() && mine.equals(theirs);
        }
        return mine.size() >= theirs.size() && mine.subList(mine.size() - theirs.size(), mine.size()).equals(theirs);
    }

    /** Drops "." and folds "name/.." lexically, as java.nio defines normalize. */
    @Override
    public Path normalize() {
        List<String> out = new ArrayList<>();
        for (String p : parts()) {
            if (p.equals(".")) {
                continue;
            }
            if (p.equals("..") && !out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                out.remove(out.size() - 1);
            } else if (!(p.equals("..") && isAbsolute())) {
                out.add(p);
            }
        }
        String joined = String.join("/", out);
        return new VfsPath(fs, isAbsolute() ? "/" + joined : joined);
    }

    @Override
    public Path resolve(Path other) {
        String text = other.toString();
        if (text.startsWith("/")) {
            return new VfsPath(fs, text);
        }
        if (text.isEmpty()) {
            return this;
        }
        return new VfsPath(fs, path.endsWith("/") ? path + text : path + "/" + text);
    }

    /** IllegalArgumentException if one path is absolute and the other is not, as java.nio requires. */
    @Override
    public Path relativize(Path other) {
        if (other.isAbsolute() != isAbsolute()) {
            throw new IllegalArgumentException("'" + other + "' is not of the same kind as '" + path + "'");
        }
        List<String> from = parts();
        List<String> to = ((VfsPath) fs.cast(other)).parts();
        int common = 0;
        while (common < from.size() && common < to.size() && from.get(common).equals(to.get(common))) {
            common++;
        }
        List<String> out = new ArrayList<>();
        for (int i = common; i < from.size(); i++) {
            out.add("..");
        }
        out.addAll(to.subList(common, to.size()));
        return new VfsPath(fs, String.join("/", out));
    }

    @Override
    public URI toUri() {
        return URI.create(VfsFileSystemProvider.SCHEME + "://" + toAbsolutePath());
    }

    @Override
    public Path toAbsolutePath() {
        return isAbsolute() ? this : new VfsPath(fs, "/" + path);
    }

    @Override
    public Path toRealPath(LinkOption... options) throws java.io.IOException {
        return new VfsPath(fs, ((VfsFileSystemProvider) fs.provider()).realpath(this));
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
        throw new UnsupportedOperationException("inotify is not implemented");
    }

    @Override
    public int compareTo(Path other) {
        return path.compareTo(other.toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VfsPath p && p.path.equals(path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return path;
    }

    private List<String> parts() {
        return Libfs.pathComponents(path);
    }
}
