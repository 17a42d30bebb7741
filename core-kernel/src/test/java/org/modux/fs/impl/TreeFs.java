package org.modux.fs.impl;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.modux.fs.DirEntry;
import org.modux.fs.FileMode;
import org.modux.fs.FileOperations;
import org.modux.fs.FileSystemType;
import org.modux.fs.Inode;
import org.modux.fs.Libfs;
import org.modux.fs.SuperBlock;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/**
 * A filesystem for VFS tests, laid out by the test: directories, read-only text
 * files and symbolic links (which ramfs cannot make). Every mount of it shows the
 * same tree, so a test can mount it twice, once read-only; {@link #kills} counts the
 * superblocks umount let go.
 */
final class TreeFs implements FileSystemType {

    private final String name;
    private final Node root = new Node(FileMode.S_IFDIR | 0755, null, null);
    private long nextIno = 100;
    int kills;

    TreeFs(String name) {
        this.name = name;
    }

    /** Adds a directory at {@code path} ("a/b"); its parent must be there. */
    TreeFs dir(String path) {
        return add(path, new Node(FileMode.S_IFDIR | 0755, null, null));
    }

    /** Adds a regular file whose contents are {@code text}. */
    TreeFs file(String path, int perm, String text) {
        return add(path, new Node(FileMode.S_IFREG | perm, text, null));
    }

    /** Adds a symbolic link to {@code target}. */
    TreeFs symlink(String path, String target) {
        return add(path, new Node(FileMode.S_IFLNK | 0777, null, target));
    }

    private TreeFs add(String path, Node node) {
        Node dir = root;
        List<String> parts = Namespace.components(path);
        for (String part : parts.subList(0, parts.size() - 1)) {
            dir = dir.children.get(part);
        }
        dir.children.put(parts.get(parts.size() - 1), node);
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SuperBlock mount(String source, long flags, String data) {
        return new SuperBlock() {
            @Override
            public Inode root() {
                return root;
            }

            @Override
            public void kill() {
                kills++;
            }
        };
    }

    private final class Node implements Inode {
        private final long ino = nextIno++;
        private final int mode;
        private final String text;
        private final String target;
        private final Map<String, Node> children = new LinkedHashMap<>();

        Node(int mode, String text, String target) {
            this.mode = mode;
            this.text = text;
            this.target = target;
        }

        @Override
        public long ino() {
            return ino;
        }

        @Override
        public int mode() {
            return mode;
        }

        @Override
        public long size() {
            return text == null ? 0 : text.length();
        }

        @Override
        public Inode lookup(String child) throws ErrnoException {
            if (!FileMode.isDir(mode)) {
                throw new ErrnoException(Errno.ENOTDIR);
            }
            return children.get(child);
        }

        @Override
        public List<DirEntry> readdir() throws ErrnoException {
            if (!FileMode.isDir(mode)) {
                throw new ErrnoException(Errno.ENOTDIR);
            }
            List<DirEntry> out = new ArrayList<>();
            children.forEach((n, c) -> out.add(new DirEntry(n, c.ino, FileMode.dtype(c.mode))));
            return out;
        }

        @Override
        public FileOperations open(int flags) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            return new FileOperations() {
                @Override
                public int read(ByteBuffer dst, long pos) {
                    return Libfs.simpleReadFromBuffer(dst, pos, bytes);
                }
            };
        }

        @Override
        public String readlink() throws ErrnoException {
            if (target == null) {
                throw new ErrnoException(Errno.EINVAL);
            }
            return target;
        }
    }
}
