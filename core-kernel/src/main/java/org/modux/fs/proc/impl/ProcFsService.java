package org.modux.fs.proc.impl;

import java.util.ArrayList;
import java.util.List;

import org.modux.fs.FileMode;
import org.modux.fs.proc.ProcFs;
import org.modux.fs.proc.ProcOps;
import org.modux.fs.proc.ProcWrite;
import org.modux.fs.proc.SeqShow;
import org.modux.kernel.module.impl.ModuleName;
import org.modux.kernel.impl.Taints;
import org.modux.kernel.printk.Printk;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;
import org.osgi.framework.Bundle;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * One bundle's view of procfs (Linux: fs/proc/generic.c, proc_create and friends).
 * SCR makes an instance per using bundle; it remembers what that bundle made, and
 * when the bundle goes, removes what is still there and says so in the kernel log.
 * The list is guarded by this instance's monitor.
 */
@Component(scope = ServiceScope.BUNDLE)
public final class ProcFsService implements ProcFs {

    private final ProcTree tree;
    private final Printk log;
    private final Taints taints;
    private final Bundle user;
    private final String owner;
    private final List<ProcEntry> made = new ArrayList<>();

    @Activate
    public ProcFsService(@Reference ProcRoot root, @Reference Printk printk, @Reference Taints taints,
            ComponentContext context) {
        this.tree = root.tree();
        this.log = printk.subsystem("proc");
        this.taints = taints;
        this.user = context.getUsingBundle();
        this.owner = ModuleName.of(user);
    }

    @Override
    public void mkdir(String path) throws ErrnoException {
        remember(tree.add(path, FileMode.S_IFDIR | 0555, owner));
    }

    @Override
    public void create(String path, int mode, SeqShow show, ProcWrite write) throws ErrnoException {
        ProcEntry e = tree.add(path, FileMode.S_IFREG | (mode & 07777), owner);
        e.show = show;
        e.write = write;
        remember(e);
    }

    @Override
    public void create(String path, int mode, ProcOps ops) throws ErrnoException {
        ProcEntry e = tree.add(path, FileMode.S_IFREG | (mode & 07777), owner);
        e.ops = ops;
        remember(e);
    }

    @Override
    public void symlink(String path, String target) throws ErrnoException {
        ProcEntry e = tree.add(path, FileMode.S_IFLNK | 0777, owner);
        e.target = target;
        remember(e);
    }

    @Override
    public void remove(String path) throws ErrnoException {
        ProcEntry e = tree.find(path);
        if (e == null || e == tree.root || !tree.remove(e)) {
            throw new ErrnoException(Errno.ENOENT);
        }
        synchronized (this) {
            made.removeIf(m -> m == e || isBelow(m, e));
        }
    }

    private synchronized void remember(ProcEntry e) {
        made.add(e);
    }

    private static boolean isBelow(ProcEntry e, ProcEntry dir) {
        for (ProcEntry p = e.parent; p != null; p = p.parent) {
            if (p == dir) {
                return true;
            }
        }
        return false;
    }

    /** The bundle went: remove what it left, newest first. The kernel core's entries go with it silently. */
    @Deactivate
    synchronized void deactivate() {
        for (int i = made.size() - 1; i >= 0; i--) {
            ProcEntry e = made.get(i);
            if (tree.remove(e) && !ModuleName.isKernel(user)) {
                taints.warn(log, "proc: %s left /proc/%s behind, removing", owner, e.path());
            }
        }
        made.clear();
    }
}
