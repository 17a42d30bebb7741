package org.modux.fs.proc.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.modux.fs.DirEntry;
import org.modux.fs.FileMode;
import org.modux.fs.Inode;
import org.modux.hw.Machine;
import org.modux.kernel.sched.Scheduler;
import org.modux.kernel.sched.Task;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The pid directories and /proc/self (proc(5); Linux: fs/proc/base.c,
 * {@code proc_pid_lookup}, {@code proc_pid_readdir}, and fs/proc/self.c). Nothing
 * is registered per task: a lookup of a number finds the task of that pid at that
 * moment, and a readdir of /proc lists the tasks alive at that moment, so a task
 * that exits between the two is simply not found (ENOENT). The idle tasks (pid 0)
 * have no directory, as in Linux.
 *
 * <p>/proc/self is a symlink to the pid of the reading task ({@code current}).
 * The console's commands run on host threads that are no task; for them, as for
 * Linux's {@code proc_self_get_link} when current has no pid, following or
 * reading the link fails with ENOENT, while the entry itself is still listed.
 *
 * <p>Attached to procfs's tree while the scheduler is there; the files of one
 * directory are {@link ProcPidDir}'s, their layouts {@link TaskArray}'s.
 */
@Component(service = {}, immediate = true)
public final class ProcBase implements PidEntries {

    /** /proc/self's inode number: below the pid directories' ({@link ProcPidDir#ino}). */
    static final long SELF_INO = ProcPidDir.FIRST_INO - 1;

    private final ProcTree tree;
    private final Scheduler scheduler;
    private final TaskArray.Machine machine;

    @Activate
    public ProcBase(@Reference ProcRoot root, @Reference Scheduler scheduler, @Reference Machine machine) {
        this(root.tree(), scheduler, new TaskArray.Machine(machine.cpus(), machine.memorySize()));
    }

    ProcBase(ProcTree tree, Scheduler scheduler, TaskArray.Machine machine) {
        this.tree = tree;
        this.scheduler = scheduler;
        this.machine = machine;
        tree.pidEntries(this);
    }

    @Deactivate
    void deactivate() {
        if (tree.pidEntries() == this) {
            tree.pidEntries(null);
        }
    }

    Scheduler scheduler() {
        return scheduler;
    }

    TaskArray.Machine machine() {
        return machine;
    }

    /** The task of {@code pid} if it is still {@code task}: a directory outlives its task, not the other way. */
    Optional<Task> alive(Task task) {
        return scheduler.findTask(task.pid()).filter(t -> t == task);
    }

    @Override
    public Inode lookup(String name) {
        if (name.equals("self")) {
            return new Self();
        }
        int pid = nameToInt(name);
        if (pid <= 0) {
            return null;
        }
        return scheduler.findTask(pid).map(t -> new ProcPidDir(this, t)).orElse(null);
    }

    @Override
    public List<DirEntry> readdir() {
        List<DirEntry> out = new ArrayList<>();
        out.add(new DirEntry("self", SELF_INO, FileMode.dtype(FileMode.S_IFLNK)));
        for (Task t : scheduler.tasks()) {
            if (t.pid() > 0) {
                out.add(new DirEntry(Integer.toString(t.pid()), ProcPidDir.ino(t.pid(), 0),
                        FileMode.dtype(FileMode.S_IFDIR)));
            }
        }
        return out;
    }

    /** {@code name_to_int}: a pid written in decimal without a leading zero, else -1. */
    static int nameToInt(String name) {
        if (name.isEmpty() || name.length() > 10 || (name.length() > 1 && name.charAt(0) == '0')) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n > Integer.MAX_VALUE ? -1 : (int) n;
    }

    /** /proc/self ({@code proc_self_get_link}). */
    private final class Self implements Inode {

        @Override
        public long ino() {
            return SELF_INO;
        }

        @Override
        public int mode() {
            return FileMode.S_IFLNK | 0777;
        }

        @Override
        public String readlink() throws ErrnoException {
            int tgid = scheduler.current().map(Task::tgid).orElse(0);
            if (tgid == 0) {
                throw new ErrnoException(Errno.ENOENT);
            }
            return Integer.toString(tgid);
        }
    }
}
