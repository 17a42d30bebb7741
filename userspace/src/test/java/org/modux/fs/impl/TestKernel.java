package org.modux.fs.impl;

import java.lang.reflect.Proxy;
import java.util.Hashtable;

import org.modux.fs.Vfs;
import org.modux.fs.proc.impl.ProcRoot;
import org.modux.fs.proc.impl.SysctlService;
import org.modux.kernel.impl.Taints;
import org.modux.kernel.printk.LogLevel;
import org.modux.kernel.printk.Printk;
import org.modux.kernel.sysctl.Sysctl;
import org.modux.uapi.ErrnoException;
import org.osgi.framework.Bundle;
import org.osgi.service.component.ComponentContext;

/**
 * The kernel's VFS as user-space tests need it, wired by hand as SCR wires it at
 * boot: ramfs and procfs registered, /proc mounted, and the kernel core's Sysctl.
 * It sits in the VFS's package because registering filesystem types is SCR's
 * business, package-private in the kernel.
 */
public final class TestKernel {

    public final Vfs vfs;
    /** The kernel core's sysctl registrations, under /proc/sys. */
    public final Sysctl sysctl;

    public TestKernel() throws ErrnoException {
        Printk printk = new Printk() {
            @Override
            public void printk(LogLevel level, String format, Object... args) {
                // User-space tests look at files and errors, not at the kernel log.
            }

            @Override
            public Printk subsystem(String name) {
                return this;
            }
        };
        ProcRoot proc = new ProcRoot();
        VfsImpl impl = new VfsImpl(printk);
        impl.registerFilesystem(new Ramfs());
        impl.registerFilesystem(proc);
        impl.mkdir("/proc", 0555);
        impl.mount("proc", "/proc", "proc", Vfs.MS_NOSUID | Vfs.MS_NODEV | Vfs.MS_NOEXEC | Vfs.MS_RELATIME, "");
        vfs = impl;
        sysctl = new SysctlService(proc, printk, new Taints(), kernelBundleContext());
    }

    /** The component context SCR gives the kernel core's components. */
    private static ComponentContext kernelBundleContext() {
        Bundle kernel = (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (self, method, args) -> switch (method.getName()) {
                    case "getSymbolicName" -> "org.modux.kernel";
                    case "getHeaders" -> new Hashtable<String, String>();
                    case "adapt" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (ComponentContext) Proxy.newProxyInstance(ComponentContext.class.getClassLoader(),
                new Class<?>[] {ComponentContext.class}, (self, method, args) -> switch (method.getName()) {
                    case "getUsingBundle" -> kernel;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
