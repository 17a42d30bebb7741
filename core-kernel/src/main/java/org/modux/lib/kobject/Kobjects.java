package org.modux.lib.kobject;

import org.modux.uapi.ErrnoException;

/**
 * Creates kobjects and ksets (Linux: lib/kobject.c). Each bundle gets its own
 * instance: kobjects it added and did not delete are deleted, with a note in the
 * kernel log, when the bundle goes.
 */
public interface Kobjects {

    /** {@code kernel_kobj}: /sys/kernel. */
    Kobject kernelKobj();

    /** {@code module_kset}: /sys/module. */
    Kset moduleKset();

    /**
     * {@code kobject_create_and_add}: a kobject named {@code name} under {@code parent}
     * (null: directly under /sys). EEXIST if the parent already has a child of that name.
     */
    Kobject createAndAdd(String name, Kobject parent) throws ErrnoException;

    /**
     * {@code kobject_init_and_add} with a ktype: a member of {@code kset} (may be null)
     * under {@code parent} (null: under the kset, or /sys), with its default attributes
     * and a release action run when the last reference goes.
     */
    Kobject add(String name, Kobject parent, Kset kset, Runnable release, Attribute... defaultAttributes)
            throws ErrnoException;

    /** {@code kset_create_and_add}. */
    Kset ksetCreateAndAdd(String name, Kobject parent) throws ErrnoException;
}
