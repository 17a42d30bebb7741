package org.modux.lib.kobject.impl;

import org.modux.kernel.module.impl.ModuleName;
import org.modux.kernel.impl.Taints;
import org.modux.kernel.printk.Printk;
import org.modux.lib.kobject.Attribute;
import org.modux.lib.kobject.Kobject;
import org.modux.lib.kobject.Kobjects;
import org.modux.lib.kobject.Kset;
import org.modux.uapi.ErrnoException;
import org.osgi.framework.Bundle;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * One bundle's {@link Kobjects} (Linux: lib/kobject.c's {@code kobject_create_and_add},
 * {@code kobject_init_and_add}, {@code kset_create_and_add}). SCR makes an instance per
 * using bundle; the kobjects that bundle adds are recorded as its own, and when the
 * bundle goes, each one still added is deleted and put, with a warning per kobject in
 * the kernel log. The kernel core's own are removed silently at power-off.
 * The record ({@link KobjectOwner}) guards itself.
 */
@Component(service = Kobjects.class, scope = ServiceScope.BUNDLE)
public final class BundleKobjects implements Kobjects {

    private final KobjectCore core;
    private final Ksysfs ksysfs;
    private final Printk log;
    private final Taints taints;
    private final String module;
    private final boolean kernel;
    private final KobjectOwner owner = new KobjectOwner();

    @Activate
    public BundleKobjects(@Reference KobjectCore core, @Reference Ksysfs ksysfs, @Reference Printk printk,
            @Reference Taints taints, ComponentContext context) {
        this(core, ksysfs, printk, taints, context.getUsingBundle());
    }

    private BundleKobjects(KobjectCore core, Ksysfs ksysfs, Printk printk, Taints taints, Bundle user) {
        this(core, ksysfs, printk, taints, ModuleName.of(user), ModuleName.isKernel(user));
    }

    /** For a user known by module name; {@code kernel} for the kernel core itself. */
    BundleKobjects(KobjectCore core, Ksysfs ksysfs, Printk printk, Taints taints, String module, boolean kernel) {
        this.core = core;
        this.ksysfs = ksysfs;
        this.log = printk.subsystem("kobject");
        this.taints = taints;
        this.module = module;
        this.kernel = kernel;
    }

    @Override
    public Kobject kernelKobj() {
        return ksysfs.kernelKobj();
    }

    @Override
    public Kset moduleKset() {
        return ksysfs.moduleKset();
    }

    @Override
    public Kobject fsKobj() {
        return ksysfs.fsKobj();
    }

    @Override
    public Kobject createAndAdd(String name, Kobject parent) throws ErrnoException {
        return core.createAndAdd(name, parent, owner);
    }

    @Override
    public Kobject add(String name, Kobject parent, Kset kset, Runnable release, Attribute... defaultAttributes)
            throws ErrnoException {
        return core.initAndAdd(name, parent, kset, release, owner, defaultAttributes);
    }

    @Override
    public Kset ksetCreateAndAdd(String name, Kobject parent) throws ErrnoException {
        return core.ksetCreateAndAdd(name, parent, owner);
    }

    /** The bundle went: deletes and puts what it left added, newest first. */
    @Deactivate
    void deactivate() {
        for (KobjectImpl kobj : owner.leftovers()) {
            if (!kernel) {
                taints.warn(log, "kobject: module %s left /sys%s behind, removing", module, kobj.path());
            }
            kobj.del();
            kobj.put();
        }
    }
}
