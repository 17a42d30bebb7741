package org.modux.lib.kobject;

import org.modux.uapi.ErrnoException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A kernel object with a name, a parent, a reference count and a directory in sysfs
 * (Linux: include/linux/kobject.h). Added kobjects appear under /sys at the path
 * their parents give; {@link #del()} takes one out of sysfs, and the last
 * {@link #put()} releases it.
 */
@ProviderType
public interface Kobject {

    /** {@code kobject_name}. */
    String name();

    /** The parent, or null for a top-level kobject (directly under /sys). */
    Kobject parent();

    /** The kset this kobject belongs to, or null. */
    Kset kset();

    /** {@code kobject_get_path}: the path below /sys, such as {@code /module/hello}. */
    String path();

    /** The reference count. */
    Kref kref();

    /** {@code kobject_get}. Returns this, for chaining. */
    default Kobject get() {
        kref().get();
        return this;
    }

    /** {@code kobject_put}. */
    default void put() {
        kref().put();
    }

    /** {@code sysfs_create_file}: EEXIST if the name is taken. */
    void createFile(Attribute attribute) throws ErrnoException;

    /** {@code sysfs_remove_file}. Removing a missing file does nothing. */
    void removeFile(String name);

    /** {@code sysfs_create_group} with a name: a subdirectory of attributes, such as {@code parameters}. */
    void createGroup(String name, Attribute... attributes) throws ErrnoException;

    /** {@code sysfs_remove_group}. */
    void removeGroup(String name);

    /** {@code sysfs_create_link}: a symlink {@code name} in this directory pointing at {@code target}. */
    void createLink(String name, Kobject target) throws ErrnoException;

    /** {@code sysfs_remove_link}. */
    void removeLink(String name);

    /**
     * {@code kobject_uevent_env}: announces an event with ACTION, DEVPATH, SUBSYSTEM
     * (the kset's name) and SEQNUM, plus {@code env} entries given as {@code KEY=value}.
     */
    void uevent(KobjectAction action, String... env);

    /**
     * {@code kobject_del}: takes the kobject and its directory out of sysfs and drops
     * its reference on the parent. If an {@code add} uevent went out and no
     * {@code remove}, the {@code remove} is sent first, as Linux does.
     */
    void del();
}
