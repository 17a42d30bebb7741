package org.modux.lib.kobject.impl;

import java.util.Objects;

import org.modux.fs.sysfs.impl.KernfsNode;
import org.modux.lib.kobject.Attribute;
import org.modux.lib.kobject.Kobject;
import org.modux.lib.kobject.KobjectAction;
import org.modux.lib.kobject.Kref;
import org.modux.lib.kobject.Kset;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/**
 * A kobject (Linux: {@code struct kobject}, include/linux/kobject.h): a name, a place
 * in the hierarchy, a reference count whose last put cleans it up, and while added a
 * directory in sysfs ({@code sd}). Adding, deleting and cleaning up are
 * {@link KobjectCore}'s work; the sysfs calls here are fs/sysfs's per-kobject entry
 * points, which fail as Linux's do on a kobject that is not in sysfs.
 *
 * <p>The name (with {@code /} turned into {@code !}, as {@code kobject_set_name}
 * does), kset, release and owner are fixed at creation. {@link #parent}, {@link #sd}
 * and the uevent state bits are guarded by {@link KobjectCore}'s kobject lock.
 */
class KobjectImpl implements Kobject {

    final KobjectCore core;
    private final String name;
    final KsetImpl kset;
    /** The ktype's release, run after the last put; null if the ktype has none. */
    final Runnable release;
    /** The bundle's record this kobject is listed in while added; null for the kernel's roots. */
    final KobjectOwner owner;
    private final AtomicKref kref;

    KobjectImpl parent;
    KernfsNode sd;
    boolean stateAddUeventSent;
    boolean stateRemoveUeventSent;

    KobjectImpl(KobjectCore core, String name, KsetImpl kset, Runnable release, KobjectOwner owner) {
        this.core = core;
        this.name = name == null ? "" : name.replace('/', '!');
        this.kset = kset;
        this.release = release;
        this.owner = owner;
        this.kref = new AtomicKref(() -> core.cleanup(this));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Kobject parent() {
        return core.locked(() -> parent);
    }

    @Override
    public Kset kset() {
        return kset;
    }

    @Override
    public String path() {
        return core.getPath(this);
    }

    @Override
    public Kref kref() {
        return kref;
    }

    /** {@code sysfs_create_file}: EINVAL if this kobject is not in sysfs. */
    @Override
    public void createFile(Attribute attribute) throws ErrnoException {
        core.sysfs.createFile(sdOr(Errno.EINVAL), attribute);
    }

    @Override
    public void removeFile(String name) {
        removeByName(name);
    }

    /** {@code sysfs_create_group}: EINVAL if this kobject is not in sysfs. */
    @Override
    public void createGroup(String name, Attribute... attributes) throws ErrnoException {
        core.sysfs.createGroup(sdOr(Errno.EINVAL), name, attributes);
    }

    @Override
    public void removeGroup(String name) {
        removeByName(name);
    }

    /** {@code sysfs_create_link}: EFAULT if this kobject is not in sysfs, ENOENT if the target is not. */
    @Override
    public void createLink(String name, Kobject target) throws ErrnoException {
        KobjectImpl to = core.impl(Objects.requireNonNull(target, "target"));
        core.sysfs.createLink(sdOr(Errno.EFAULT), name, to.sdOr(Errno.ENOENT));
    }

    @Override
    public void removeLink(String name) {
        removeByName(name);
    }

    @Override
    public void uevent(KobjectAction action, String... env) {
        core.uevent(this, action, env);
    }

    @Override
    public void del() {
        core.del(this);
    }

    private KernfsNode sdOr(Errno notInSysfs) throws ErrnoException {
        KernfsNode dir = core.locked(() -> sd);
        if (dir == null) {
            throw new ErrnoException(notInSysfs);
        }
        return dir;
    }

    /** The sysfs removes: nothing to do once the directory is gone. Called with no lock held. */
    private void removeByName(String name) {
        KernfsNode dir = core.locked(() -> sd);
        if (dir != null) {
            core.sysfs.removeByName(dir, name);
        }
    }

    @Override
    public String toString() {
        return "kobject '" + name + "'";
    }
}
