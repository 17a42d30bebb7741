package org.modux.usr.nio;

import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.modux.fs.Vfs;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The Modux VFS as a java.nio file system, so that Gogo's working directory,
 * redirections ({@code echo 4 > /proc/sys/kernel/printk}) and its own commands
 * ({@code grep}, {@code head}) read and write the kernel's files.
 */
@Component(service = VfsFileSystem.class)
public final class VfsFileSystem extends FileSystem {

    private final VfsFileSystemProvider provider;

    @Activate
    public VfsFileSystem(@Reference Vfs vfs) {
        this.provider = new VfsFileSystemProvider(this, vfs);
    }

    /** The path for {@code text}, which may be relative. */
    public VfsPath path(String text) {
        return new VfsPath(this, text);
    }

    Path cast(Path p) {
        if (p instanceof VfsPath) {
            return p;
        }
        if (p == null) {
            throw new ProviderMismatchException();
        }
        return new VfsPath(this, p.toString());
    }

    @Override
    public FileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("the root file system stays open");
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public String getSeparator() {
        return "/";
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        return List.of(new VfsPath(this, "/"));
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return List.of();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return Set.of("basic");
    }

    @Override
    public Path getPath(String first, String... more) {
        StringBuilder s = new StringBuilder(first);
        for (String m : more) {
            if (!m.isEmpty()) {
                s.append('/').append(m);
            }
        }
        return new VfsPath(this, s.toString());
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        int colon = syntaxAndPattern.indexOf(':');
        String syntax = syntaxAndPattern.substring(0, Math.max(colon, 0));
        String pattern = syntaxAndPattern.substring(colon + 1);
        Pattern regex = switch (syntax) {
            case "regex" -> Pattern.compile(pattern);
            case "glob" -> Pattern.compile(globToRegex(pattern));
            default -> throw new UnsupportedOperationException("syntax " + syntax);
        };
        return p -> regex.matcher(p.toString()).matches();
    }

    private static String globToRegex(String glob) {
        StringBuilder r = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> r.append("[^/]*");
                case '?' -> r.append("[^/]");
                case '.', '(', ')', '+', '|', '^', '$', '@', '%', '\\', '{', '}', '[', ']' -> r.append('\\').append(c);
                default -> r.append(c);
            }
        }
        return r.toString();
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        throw new UnsupportedOperationException("no user database");
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("inotify is not implemented");
    }
}
