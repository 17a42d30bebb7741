package org.modux.lib.kobject.impl;

import org.modux.fs.FileSystemType;
import org.modux.fs.Inode;
import org.modux.fs.sysfs.impl.Sysfs;
import org.modux.fs.sysfs.impl.SysfsFsType;
import org.modux.kernel.impl.Taints;
import org.modux.kernel.printk.RecordingPrintk;
import org.modux.lib.kobject.Kobjects;

/**
 * The kobject and sysfs components wired by hand as SCR wires them at boot: sysfs,
 * uevents, the kobject core, the top-level objects, and a mounted /sys.
 */
public final class KobjectFixture {

    public final RecordingPrintk printk = new RecordingPrintk();
    public final Taints taints = new Taints();
    public final Sysfs sysfs = new Sysfs(printk);
    public final FileSystemType sysfsType = new SysfsFsType(sysfs);
    public final KobjectUevent uevent = new KobjectUevent(printk);
    public final KobjectCore core = new KobjectCore(sysfs, uevent, printk);
    public final Ksysfs ksysfs;
    /** The root of a mount of sysfs: /sys. */
    public final Inode sys;

    public KobjectFixture() {
        try {
            ksysfs = new Ksysfs(core, uevent);
            sys = sysfsType.mount("sysfs", 0, "").root();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The instance a module's bundle would get. */
    public BundleKobjects kobjects(String module) {
        return new BundleKobjects(core, ksysfs, printk, taints, module, false);
    }

    /** The instance the kernel core's bundle gets. */
    public Kobjects kernelKobjects() {
        return new BundleKobjects(core, ksysfs, printk, taints, "kernel", true);
    }
}
