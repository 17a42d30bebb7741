package org.modux.fs.proc.impl;

import java.lang.reflect.Proxy;
import java.util.Hashtable;

import org.modux.fs.Inode;
import org.modux.kernel.impl.Taints;
import org.modux.kernel.printk.RecordingPrintk;
import org.modux.uapi.ErrnoException;
import org.osgi.framework.Bundle;
import org.osgi.service.component.ComponentContext;

/**
 * procfs wired by hand as SCR wires it: the one tree of entries, a mount of it, and
 * the per-bundle ProcFs and Sysctl instances a bundle of a given symbolic name gets.
 */
public final class ProcFixture {

    /** The kernel core's symbolic name: its leftovers go silently. */
    public static final String KERNEL = "org.modux.kernel";
    /** A module's symbolic name; its module name is "hello". */
    public static final String HELLO = "org.modux.modules.hello";

    public final RecordingPrintk printk = new RecordingPrintk();
    public final Taints taints = new Taints();
    public final ProcRoot type = new ProcRoot();
    /** The root of a mount of procfs: /proc. */
    public final Inode proc = type.mount("proc", 0, "").root();

    /** The ProcFs instance SCR makes for the bundle {@code bsn}. */
    public ProcFsService procFs(String bsn) {
        return new ProcFsService(type, printk, taints, usingBundle(bsn));
    }

    /** The Sysctl instance SCR makes for the bundle {@code bsn}. */
    public SysctlService sysctl(String bsn) throws ErrnoException {
        return new SysctlService(type, printk, taints, usingBundle(bsn));
    }

    /** A component context whose using bundle has the symbolic name {@code bsn} and no Module-Name header. */
    public static ComponentContext usingBundle(String bsn) {
        Bundle bundle = (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (self, method, args) -> switch (method.getName()) {
                    case "getSymbolicName" -> bsn;
                    case "getHeaders" -> new Hashtable<String, String>();
                    case "getBundleId" -> 42L;
                    case "adapt" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (ComponentContext) Proxy.newProxyInstance(ComponentContext.class.getClassLoader(),
                new Class<?>[] {ComponentContext.class}, (self, method, args) -> switch (method.getName()) {
                    case "getUsingBundle" -> bundle;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
