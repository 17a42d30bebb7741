package org.modux.fs.proc.impl;

import java.util.ArrayList;
import java.util.List;

import org.modux.fs.DirEntry;
import org.modux.fs.FileMode;
import org.modux.fs.FileOperations;
import org.modux.fs.Inode;
import org.modux.fs.proc.ProcWrite;
import org.modux.fs.proc.SeqFile;
import org.modux.kernel.sched.Task;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/**
 * One /proc/PID directory (Linux: fs/proc/base.c, {@code tgid_base_stuff} and
 * {@code proc_pident_lookup}): the files below, one row each, in Linux's order. The
 * directory holds its task; once the task is gone, lookups in it find nothing
 * and reads of files opened before fail with ESRCH, as {@code proc_single_show} does.
 */
final class ProcPidDir implements Inode {

    /** Where the pid directories' inode numbers start: 16 per pid, the directory first. */
    static final long FIRST_INO = 0x10000;

    /** What prints one file of a task. */
    @FunctionalInterface
    private interface Show {
        void show(ProcBase base, Task task, SeqFile m) throws ErrnoException;
    }

    /** One file: name, mode, how it prints, whether it takes writes. */
    private record Entry(String name, int mode, Show show, boolean writable) {
    }

    /**
     * The files, in {@code tgid_base_stuff}'s order. comm and sched are 0644 as in
     * Linux. A write to comm renames the writer's own task only ({@code comm_write}
     * says EINVAL for another's) and no reader of this file is a task yet; a write
     * to sched would reset its statistics, which the Scheduler API does not offer:
     * both refuse writes with EINVAL.
     */
    private static final List<Entry> ENTRIES = List.of(
            new Entry("status", 0444, (b, t, m) -> TaskArray.status(m, t, b.machine()), false),
            new Entry("sched", 0644, (b, t, m) -> b.scheduler().showSched(t, m), true),
            new Entry("comm", 0644, (b, t, m) -> m.puts(t.comm()).putc('\n'), true),
            // get_mm_cmdline: no mm, no command line (kernel threads).
            new Entry("cmdline", 0444, (b, t, m) -> { }, false),
            new Entry("stat", 0444, (b, t, m) -> TaskArray.stat(m, t, b.machine()), false),
            new Entry("statm", 0444, (b, t, m) -> TaskArray.statm(m), false));

    private final ProcBase base;
    private final Task task;
    private final long mtime = System.currentTimeMillis() * 1_000_000L;

    ProcPidDir(ProcBase base, Task task) {
        this.base = base;
        this.task = task;
    }

    /** The inode number of the {@code index}th entry of {@code pid}'s directory (0: the directory). */
    static long ino(int pid, int index) {
        return FIRST_INO + (long) pid * 16 + index;
    }

    @Override
    public long ino() {
        return ino(task.pid(), 0);
    }

    @Override
    public int mode() {
        return FileMode.S_IFDIR | 0555;
    }

    @Override
    public long mtimeNanos() {
        return mtime;
    }

    @Override
    public Inode lookup(String name) {
        if (base.alive(task).isEmpty()) {
            return null;
        }
        for (int i = 0; i < ENTRIES.size(); i++) {
            if (ENTRIES.get(i).name().equals(name)) {
                return new File(ENTRIES.get(i), i + 1);
            }
        }
        return null;
    }

    @Override
    public List<DirEntry> readdir() throws ErrnoException {
        if (base.alive(task).isEmpty()) {
            throw new ErrnoException(Errno.ENOENT);
        }
        List<DirEntry> out = new ArrayList<>();
        for (int i = 0; i < ENTRIES.size(); i++) {
            out.add(new DirEntry(ENTRIES.get(i).name(), ino(task.pid(), i + 1), FileMode.dtype(FileMode.S_IFREG)));
        }
        return out;
    }

    /** A file of the directory. */
    private final class File implements Inode {

        private final Entry entry;
        private final int index;

        File(Entry entry, int index) {
            this.entry = entry;
            this.index = index;
        }

        @Override
        public long ino() {
            return ProcPidDir.ino(task.pid(), index);
        }

        @Override
        public int mode() {
            return FileMode.S_IFREG | entry.mode();
        }

        @Override
        public long mtimeNanos() {
            return mtime;
        }

        @Override
        public FileOperations open(int flags) {
            ProcWrite write = entry.writable() ? data -> {
                throw new ErrnoException(Errno.EINVAL);
            } : null;
            return new SeqBuffer(m -> {
                Task t = base.alive(task).orElseThrow(() -> new ErrnoException(Errno.ESRCH));
                entry.show().show(base, t, m);
            }, write);
        }
    }
}
