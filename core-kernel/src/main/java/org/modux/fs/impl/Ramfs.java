package org.modux.fs.impl;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.modux.fs.DirEntry;
import org.modux.fs.FileMode;
import org.modux.fs.FileOperations;
import org.modux.fs.FileSystemType;
import org.modux.fs.Inode;
import org.modux.fs.SuperBlock;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Component;

/**
 * ramfs (Linux: fs/ramfs/inode.c): files that live only in memory, with no size
 * limit and nothing behind them. The root filesystem ({@code rootfs}) is a ramfs.
 * File data is held on the Java heap until the memory manager can back page-cache
 * pages with emulated RAM.
 *
 * <p>Locking: each superblock's monitor guards its whole tree (Linux takes the
 * directory's {@code i_rwsem}; one lock per filesystem is enough here).
 */
@Component(service = FileSystemType.class, property = FileSystemType.NAME_PROPERTY + "=ramfs")
public final class Ramfs implements FileSystemType {

    @Override
    public String name() {
        return "ramfs";
    }

    @Override
    public SuperBlock mount(String source, long flags, String data) {
        return new RamSuperBlock();
    }

    /** One ramfs instance. */
    static final class RamSuperBlock implements SuperBlock {

        private final AtomicLong nextIno = new AtomicLong(1);
        private final Dir root = new Dir(0755);

        @Override
        public Inode root() {
            return root;
        }

        private long now() {
            return System.currentTimeMillis() * 1_000_000L;
        }

        /** Common inode state. */
        abstract class Node implements Inode {
            final long ino = nextIno.getAndIncrement();
            int mode;
            long mtime = now();

            @Override
            public long ino() {
                return ino;
            }

            @Override
            public int mode() {
                return mode;
            }

            @Override
            public long mtimeNanos() {
                synchronized (RamSuperBlock.this) {
                    return mtime;
                }
            }
        }

        /** A directory: children by name, in creation order. */
        final class Dir extends Node {
            private final Map<String, Node> children = new LinkedHashMap<>();

            Dir(int perm) {
                mode = FileMode.S_IFDIR | perm;
            }

            @Override
            public int nlink() {
                synchronized (RamSuperBlock.this) {
                    return 2 + (int) children.values().stream().filter(c -> c instanceof Dir).count();
                }
            }

            @Override
            public Inode lookup(String name) {
                synchronized (RamSuperBlock.this) {
                    return children.get(name);
                }
            }

            @Override
            public List<DirEntry> readdir() {
                synchronized (RamSuperBlock.this) {
                    List<DirEntry> out = new ArrayList<>();
                    children.forEach((n, c) -> out.add(new DirEntry(n, c.ino, FileMode.dtype(c.mode))));
                    return out;
                }
            }

            @Override
            public Inode create(String name, int perm) throws ErrnoException {
                return add(name, new RegFile(perm & 07777));
            }

            @Override
            public Inode mkdir(String name, int perm) throws ErrnoException {
                return add(name, new Dir(perm & 07777));
            }

            @Override
            public void unlink(String name) throws ErrnoException {
                remove(name, false);
            }

            @Override
            public void rmdir(String name) throws ErrnoException {
                remove(name, true);
            }

            private Inode add(String name, Node node) throws ErrnoException {
                synchronized (RamSuperBlock.this) {
                    if (children.containsKey(name)) {
                        throw new ErrnoException(Errno.EEXIST);
                    }
                    children.put(name, node);
                    mtime = now();
                    return node;
                }
            }

            private void remove(String name, boolean dir) throws ErrnoException {
                synchronized (RamSuperBlock.this) {
                    Node victim = children.get(name);
                    if (victim == null) {
                        throw new ErrnoException(Errno.ENOENT);
                    }
                    if (dir && !(victim instanceof Dir)) {
                        throw new ErrnoException(Errno.ENOTDIR);
                    }
                    if (!dir && victim instanceof Dir) {
                        throw new ErrnoException(Errno.EISDIR);
                    }
                    if (victim instanceof Dir d && !d.children.isEmpty()) {
                        throw new ErrnoException(Errno.ENOTEMPTY);
                    }
                    children.remove(name);
                    mtime = now();
                }
            }
        }

        /** A regular file: its bytes, grown as written. */
        final class RegFile extends Node {
            private byte[] data = new byte[0];
            private int size;

            RegFile(int perm) {
                mode = FileMode.S_IFREG | perm;
            }

            @Override
            public long size() {
                synchronized (RamSuperBlock.this) {
                    return size;
                }
            }

            @Override
            public void truncate(long newSize) throws ErrnoException {
                synchronized (RamSuperBlock.this) {
                    resize(newSize);
                    mtime = now();
                }
            }

            @Override
            public FileOperations open(int flags) {
                return new FileOperations() {
                    @Override
                    public int read(ByteBuffer dst, long pos) {
                        synchronized (RamSuperBlock.this) {
                            if (pos >= size) {
                                return 0;
                            }
                            int n = (int) Math.min(dst.remaining(), size - pos);
                            dst.put(data, (int) pos, n);
                            return n;
                        }
                    }

                    @Override
                    public int write(ByteBuffer src, long pos) throws ErrnoException {
                        synchronized (RamSuperBlock.this) {
                            int n = src.remaining();
                            long end = pos + n;
                            if (end > size) {
                                resize(end);
                            }
                            src.get(data, (int) pos, n);
                            mtime = now();
                            return n;
                        }
                    }
                };
            }

            private void resize(long newSize) throws ErrnoException {
                if (newSize > Integer.MAX_VALUE - 8) {
                    throw new ErrnoException(Errno.EFBIG);
                }
                int n = (int) newSize;
                if (n > data.length) {
                    byte[] grown = new byte[Math.max(n, data.length * 2)];
                    System.arraycopy(data, 0, grown, 0, size);
                    data = grown;
                } else if (n < size) {
                    java.util.Arrays.fill(data, n, size, (byte) 0);
                }
                size = n;
            }
        }
    }
}
