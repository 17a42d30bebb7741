package org.modux.fs.proc.impl;

import java.util.ArrayList;
import java.util.List;

import org.modux.fs.FileMode;
import org.modux.kernel.module.impl.ModuleName;
import org.modux.kernel.impl.Taints;
import org.modux.kernel.printk.Printk;
import org.modux.kernel.sysctl.CtlTable;
import org.modux.kernel.sysctl.Sysctl;
import org.modux.uapi.ErrnoException;
import org.osgi.framework.Bundle;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * One bundle's sysctl registrations (Linux: fs/proc/proc_sysctl.c, register_sysctl).
 * Tables become files under /proc/sys/PATH; directories are made as needed and go
 * when their last entry goes. SCR makes an instance per using bundle; tables a bundle
 * leaves registered are unregistered, with a note in the kernel log, when it goes.
 * The registration list is guarded by this instance's monitor.
 */
@Component(scope = ServiceScope.BUNDLE)
public final class SysctlService implements Sysctl {

    private final ProcTree tree;
    private final ProcEntry sysRoot;
    private final Printk log;
    private final Taints taints;
    private final Bundle user;
    private final String owner;
    private final List<Header> registered = new ArrayList<>();

    @Activate
    public SysctlService(@Reference ProcRoot root, @Reference Printk printk, @Reference Taints taints,
            ComponentContext context) throws ErrnoException {
        this.tree = root.tree();
        this.sysRoot = tree.mkdirs("sys", ModuleName.KERNEL);
        this.log = printk.subsystem("sysctl");
        this.taints = taints;
        this.user = context.getUsingBundle();
        this.owner = ModuleName.of(user);
    }

    @Override
    public Registration register(String path, CtlTable... table) throws ErrnoException {
        ProcEntry dir = tree.mkdirs("sys/" + path, owner);
        List<ProcEntry> added = new ArrayList<>();
        try {
            for (CtlTable t : table) {
                ProcEntry e = tree.add("sys/" + path + "/" + t.procname(), FileMode.S_IFREG | (t.mode() & 07777),
                        owner);
                e.sysctl = t.handler();
                added.add(e);
            }
        } catch (ErrnoException e) {
            // Like __register_sysctl_table: all of the table or none of it.
            added.forEach(tree::remove);
            tree.pruneEmpty(dir, sysRoot);
            throw e;
        }
        Header h = new Header(path, dir, added);
        synchronized (this) {
            registered.add(h);
        }
        return h;
    }

    /** The bundle went: unregister what it left. The kernel core's tables go with it silently. */
    @Deactivate
    synchronized void deactivate() {
        for (Header h : List.copyOf(registered)) {
            if (!ModuleName.isKernel(user)) {
                taints.warn(log, "sysctl: %s left /proc/sys/%s registered, unregistering", owner, h.path);
            }
            h.unregister();
        }
    }

    /** A registered table: {@code struct ctl_table_header}. */
    private final class Header implements Registration {
        private final String path;
        private final ProcEntry dir;
        private final List<ProcEntry> entries;

        Header(String path, ProcEntry dir, List<ProcEntry> entries) {
            this.path = path;
            this.dir = dir;
            this.entries = entries;
        }

        @Override
        public void unregister() {
            synchronized (SysctlService.this) {
                if (!registered.remove(this)) {
                    return;
                }
            }
            entries.forEach(tree::remove);
            tree.pruneEmpty(dir, sysRoot);
        }
    }
}
