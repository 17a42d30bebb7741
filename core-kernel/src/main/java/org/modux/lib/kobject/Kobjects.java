package org.modux.lib.kobject;

import org.modux.uapi.ErrnoException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Creates kobjects and ksets (Linux: lib/kobject.c). Each bundle gets its own
 * instance: kobjects it added and did not delete are deleted, with a note in the
 * kernel log, when the bundle goes.
 */
@ProviderType
public interface Kobjects {

    /** {@code kernel_kobj}: /sys/kernel. */
    Kobject kernelKobj();

    /** {@code module_kset}: /sys/module. */
    Kset moduleKset();

    /** {@code fs_kobj}: /sys/fs, where filesystems put their own directories (/sys/fs/ext4). */
    Kobject fsKobj();

    /**
     * {@code kobject_create_and_add}: a kobject named {@code name} under {@code parent}
     * (null: directly under /sys). EEXIST if the parent already has a child of that name.
     */
    Kobject createAndAdd(String name, Kobject parent) throws ErrnoException;

    /**
     * {@code kobject_init_and_add} with a ktype: a member of {@code kset} (may be null)
     * under {@code parent} (null: under the kset, or /sys), with its default attributes
     * and a release action run when the last reference goes. If adding fails the
     * release runs before the error is thrown, as the caller's {@code kobject_put}
     * would run it in Linux.
     */
    Kobject add(String name, Kobject parent, Kset kset, Runnable release, Attribute... defaultAttributes)
            throws ErrnoException;

    /**
     * {@code kset_create_and_add}: a kset under {@code parent} (null: /sys). As
     * {@code kset_register} does, it announces itself with an {@code add} uevent, which
     * goes out only if an ancestor belongs to a kset.
     */
    Kset ksetCreateAndAdd(String name, Kobject parent) throws ErrnoException;
}
