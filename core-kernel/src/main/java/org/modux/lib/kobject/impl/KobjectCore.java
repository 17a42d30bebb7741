package org.modux.lib.kobject.impl;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.modux.fs.sysfs.impl.KernfsNode;
import org.modux.fs.sysfs.impl.Sysfs;
import org.modux.kernel.printk.Printk;
import org.modux.lib.kobject.Attribute;
import org.modux.lib.kobject.Kobject;
import org.modux.lib.kobject.KobjectAction;
import org.modux.lib.kobject.Kset;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The kobject core (Linux: lib/kobject.c): adds kobjects and ksets to the hierarchy
 * and to sysfs ({@code kobject_add_internal}), takes them out ({@code kobject_del}),
 * cleans up after the last put ({@code kobject_cleanup}), and gives their paths and
 * uevent subsystems. Modules reach it through their own {@link BundleKobjects}; the
 * kernel's roots are made by {@link Ksysfs}.
 *
 * <p>References, as in Linux: an added kobject holds one on its parent, and a kset
 * member one on its kset, until it is deleted. A kobject added without a parent goes
 * under its kset. Deleting one whose {@code add} uevent went out with no
 * {@code remove} after it sends that {@code remove} first, while its path is whole.
 * When the last reference goes, a kobject still added is deleted, the release runs,
 * and only then is the parent's reference dropped.
 *
 * <p>Locking: {@code kobjectLock}, the one kobject-tree lock, guards every kobject's
 * parent, {@code sd} and uevent state and every kset's member list. Lock order:
 * {@code kobjectLock}, then a {@link KobjectOwner}'s monitor, then sysfs's
 * {@code kernfsMutex}. It is not held while sysfs removes a directory (which waits
 * for shows and stores that may take it), while a release runs, or while a uevent is
 * delivered.
 */
@Component(service = KobjectCore.class)
public final class KobjectCore {

    /** The release of kobjects whose ktype frees nothing: the garbage collector does it. */
    static final Runnable NO_RELEASE = () -> { };

    private final ReentrantLock kobjectLock = new ReentrantLock();
    final Sysfs sysfs;
    private final KobjectUevent ueventSock;
    private final Printk log;

    @Activate
    public KobjectCore(@Reference Sysfs sysfs, @Reference KobjectUevent uevent, @Reference Printk printk) {
        this.sysfs = sysfs;
        this.ueventSock = uevent;
        this.log = printk.subsystem("kobject");
    }

    /** {@code kobject_create_and_add}: a kobject under {@code parent} (null: /sys). */
    KobjectImpl createAndAdd(String name, Kobject parent, KobjectOwner owner) throws ErrnoException {
        KobjectImpl p = impl(parent);
        return add(new KobjectImpl(this, name, null, NO_RELEASE, owner), p);
    }

    /** {@code kobject_init_and_add}: on failure the release has run before the error is thrown. */
    KobjectImpl initAndAdd(String name, Kobject parent, Kset kset, Runnable release, KobjectOwner owner,
            Attribute... defaultAttributes) throws ErrnoException {
        KobjectImpl p = impl(parent);
        KsetImpl k = (KsetImpl) impl(kset);
        return add(new KobjectImpl(this, name, k, release, owner), p, defaultAttributes);
    }

    /** {@code kset_create_and_add}: like {@code kset_register}, announces the kset with an add uevent. */
    KsetImpl ksetCreateAndAdd(String name, Kobject parent, KobjectOwner owner) throws ErrnoException {
        KobjectImpl p = impl(parent);
        KsetImpl kset = add(new KsetImpl(this, name, owner), p);
        uevent(kset, KobjectAction.ADD);
        return kset;
    }

    /** Adds a new kobject, or drops its first reference (running its release) and throws. */
    private <K extends KobjectImpl> K add(K kobj, KobjectImpl parent, Attribute... defaultAttributes)
            throws ErrnoException {
        try {
            addInternal(kobj, parent, defaultAttributes);
            return kobj;
        } catch (ErrnoException e) {
            kobj.put();
            throw e;
        }
    }

    /** {@code kobject_add_internal}: joins parent and kset, then makes the directory and default files. */
    private void addInternal(KobjectImpl kobj, KobjectImpl parent, Attribute[] defaultAttributes)
            throws ErrnoException {
        if (kobj.name().isEmpty()) {
            log.prErr("kobject: (%016x): attempted to be registered with empty name!", System.identityHashCode(kobj));
            throw new ErrnoException(Errno.EINVAL);
        }
        KobjectImpl p;
        KernfsNode parentSd;
        kobjectLock.lock();
        try {
            p = joinLocked(kobj, parent);
            parentSd = p == null ? null : p.sd;
        } finally {
            kobjectLock.unlock();
        }
        try {
            if (p != null && parentSd == null) {
                throw new ErrnoException(Errno.ENOENT);
            }
            KernfsNode sd = createDir(kobj, parentSd, defaultAttributes);
            locked(() -> publishLocked(kobj, sd));
        } catch (ErrnoException e) {
            locked(() -> leaveLocked(kobj)).put();
            reportAddFailure(kobj, p, e);
            throw e;
        }
    }

    /** Takes the references an added kobject holds and sets its parent; returns the parent. */
    private static KobjectImpl joinLocked(KobjectImpl kobj, KobjectImpl parent) {
        KsetImpl kset = kobj.kset;
        KobjectImpl p = parent != null ? parent : kset;
        if (p != null) {
            p.kref().get();
        }
        if (kset != null) {
            kset.kref().get();
            kset.list.add(kobj);
        }
        kobj.parent = p;
        return p;
    }

    /** {@code create_dir} and {@code populate_dir}: the directory and default attributes, or nothing. */
    private KernfsNode createDir(KobjectImpl kobj, KernfsNode parentSd, Attribute[] defaultAttributes)
            throws ErrnoException {
        KernfsNode sd = sysfs.createDir(parentSd, kobj.name());
        try {
            for (Attribute a : defaultAttributes) {
                sysfs.createFile(sd, a);
            }
            return sd;
        } catch (ErrnoException e) {
            sysfs.removeDir(sd);
            throw e;
        }
    }

    private static KobjectImpl publishLocked(KobjectImpl kobj, KernfsNode sd) {
        kobj.sd = sd;
        if (kobj.owner != null) {
            kobj.owner.own(kobj);
        }
        return kobj;
    }

    private void reportAddFailure(KobjectImpl kobj, KobjectImpl parent, ErrnoException e) {
        if (e.errno() == Errno.EEXIST) {
            log.prErr("kobject_add_internal failed for %s with -EEXIST, don't try to register things with the"
                    + " same name in the same directory.", kobj.name());
        } else {
            log.prErr("kobject_add_internal failed for %s (error: -%d parent: %s)", kobj.name(),
                    e.errno().number(), parent == null ? "<NULL>" : parent.name());
        }
    }

    /** {@code kobject_del}. */
    void del(KobjectImpl kobj) {
        detach(kobj).put();
    }

    /**
     * {@code __kobject_del}: sends the {@code remove} uevent the caller forgot, then takes
     * the kobject out of its owner's record, its kset and sysfs; returns the references
     * it held, for the caller to drop with no lock held.
     */
    private Detached detach(KobjectImpl kobj) {
        if (locked(() -> kobj.sd != null && kobj.stateAddUeventSent && !kobj.stateRemoveUeventSent)) {
            // Linux notes "auto cleanup 'remove' event" with pr_debug, which is
            // compiled out unless debugging: nothing reaches the log.
            uevent(kobj, KobjectAction.REMOVE);
        }
        KernfsNode sd;
        Detached held;
        kobjectLock.lock();
        try {
            sd = kobj.sd;
            if (sd == null) {
                return Detached.NONE;
            }
            kobj.sd = null;
            if (kobj.owner != null) {
                kobj.owner.forget(kobj);
            }
            held = leaveLocked(kobj);
        } finally {
            kobjectLock.unlock();
        }
        sysfs.removeDir(sd);
        return held;
    }

    /** {@code kobj_kset_leave} and clearing the parent. */
    private static Detached leaveLocked(KobjectImpl kobj) {
        KsetImpl kset = kobj.kset != null && kobj.kset.list.remove(kobj) ? kobj.kset : null;
        Detached held = new Detached(kobj.parent, kset);
        kobj.parent = null;
        return held;
    }

    /** {@code kobject_cleanup}: the last reference to {@code kobj} went. */
    void cleanup(KobjectImpl kobj) {
        Detached held = detach(kobj);
        if (kobj.release == null) {
            log.prDebug("kobject: '%s': does not have a release() function, it is broken and must be fixed.",
                    kobj.name());
        } else {
            kobj.release.run();
        }
        held.put();
    }

    /** {@code kobject_get_path}. */
    String getPath(KobjectImpl kobj) {
        return locked(() -> pathLocked(kobj));
    }

    private static String pathLocked(KobjectImpl kobj) {
        StringBuilder path = new StringBuilder();
        for (KobjectImpl k = kobj; k != null; k = k.parent) {
            path.insert(0, k.name()).insert(0, '/');
        }
        return path.toString();
    }

    /**
     * {@code kobject_uevent_env}: finds the subsystem, the kset of the kobject or of
     * its nearest ancestor in one, and hands the event to {@link KobjectUevent}. With
     * no such kset nothing is sent and no SEQNUM used, as in Linux.
     */
    void uevent(KobjectImpl kobj, KobjectAction action, String... env) {
        String devpath;
        String subsystem;
        kobjectLock.lock();
        try {
            if (action == KobjectAction.REMOVE) {
                kobj.stateRemoveUeventSent = true;
            }
            KsetImpl kset = topKsetLocked(kobj);
            if (kset == null) {
                // Linux says "attempted to send uevent without kset!" with pr_debug,
                // which is compiled out unless debugging: nothing reaches the log.
                return;
            }
            subsystem = kset.name();
            devpath = pathLocked(kobj);
            if (action == KobjectAction.ADD) {
                kobj.stateAddUeventSent = true;
            }
        } finally {
            kobjectLock.unlock();
        }
        ueventSock.broadcast(action, devpath, subsystem, env);
    }

    private static KsetImpl topKsetLocked(KobjectImpl kobj) {
        KobjectImpl top = kobj;
        while (top.kset == null && top.parent != null) {
            top = top.parent;
        }
        return top.kset;
    }

    /** Reads kobject state under the kobject lock. */
    <T> T locked(Supplier<T> read) {
        kobjectLock.lock();
        try {
            return read.get();
        } finally {
            kobjectLock.unlock();
        }
    }

    /** The implementation behind a kobject handed in; IllegalArgumentException for one this core did not make. */
    KobjectImpl impl(Kobject kobj) {
        if (kobj == null) {
            return null;
        }
        if (kobj instanceof KobjectImpl k && k.core == this) {
            return k;
        }
        throw new IllegalArgumentException("kobject: " + kobj + " was not made by this kernel's kobject core");
    }

    /** The references a deleted kobject held: dropped after the locks are released, its kset's first. */
    private record Detached(KobjectImpl parent, KsetImpl kset) {

        static final Detached NONE = new Detached(null, null);

        void put() {
            if (kset != null) {
                kset.put();
            }
            if (parent != null) {
                parent.put();
            }
        }
    }
}
