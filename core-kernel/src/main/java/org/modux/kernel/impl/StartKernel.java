package org.modux.kernel.impl;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.modux.fs.FileSystemType;
import org.modux.fs.Vfs;
import org.modux.hw.BootCommandLine;
import org.modux.hw.Machine;
import org.modux.kernel.Kernel;
import org.modux.kernel.Taint;
import org.modux.kernel.Utsname;
import org.modux.kernel.printk.Printk;
import org.modux.kernel.sysctl.CtlTable;
import org.modux.kernel.sysctl.Sysctl;
import org.modux.kernel.time.impl.Timekeeping;
import org.modux.lib.kobject.Kobjects;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The end of {@code start_kernel} and {@code kernel_init} (Linux: init/main.c,
 * kernel/smp.c, kernel/sys.c, kernel/reboot.c): brings up the CPUs, lays out the
 * root filesystem, mounts /proc and /sys, registers the kernel's identity sysctls
 * and hands over to init by registering the {@link Kernel} service. Stopping the
 * kernel bundle is the power-off: every module has stopped by then.
 *
 * <p>The identity strings are guarded by their atomic references.
 */
@Component(service = Kernel.class, immediate = true)
public final class StartKernel implements Kernel {

    /** __NEW_UTS_LEN + 1. */
    private static final int UTS_LEN = 65;
    private static final long PROC_FLAGS = Vfs.MS_NOSUID | Vfs.MS_NODEV | Vfs.MS_NOEXEC | Vfs.MS_RELATIME;

    private final Machine machine;
    private final Timekeeping time;
    private final Printk log;
    private final Version version;
    private final Taints taints;
    private final AtomicReference<String> hostname = new AtomicReference<>("(none)");
    private final AtomicReference<String> domainname = new AtomicReference<>("(none)");
    private final Sysctl.Registration utsSysctls;

    @Activate
    public StartKernel(@Reference Setup setup, @Reference Timekeeping time, @Reference Printk printk,
            @Reference Vfs vfs, @Reference Sysctl sysctl, @Reference Kobjects sysfsReady, @Reference Taints taints,
            @Reference(target = "(" + FileSystemType.NAME_PROPERTY + "=proc)") FileSystemType proc,
            @Reference(target = "(" + FileSystemType.NAME_PROPERTY + "=sysfs)") FileSystemType sysfs)
            throws ErrnoException {
        this.machine = setup.machine();
        this.taints = taints;
        this.time = time;
        this.version = setup.version();
        this.log = printk.subsystem("init");
        log.prInfo("smp: Bringing up secondary CPUs ...");
        log.prInfo("smp: Brought up 1 node, %d CPU%s", machine.cpus(), machine.cpus() == 1 ? "" : "s");
        populateRootfs(vfs);
        vfs.mount("proc", "/proc", "proc", PROC_FLAGS, "");
        log.prInfo("proc: mounted on /proc");
        vfs.mount("sysfs", "/sys", "sysfs", PROC_FLAGS, "");
        log.prInfo("sysfs: mounted on /sys");
        this.utsSysctls = sysctl.register("kernel",
                CtlTable.readOnly("ostype", () -> Version.SYSNAME),
                CtlTable.readOnly("osrelease", version::release),
                CtlTable.readOnly("version", version::version),
                CtlTable.string("hostname", 0644, hostname, UTS_LEN),
                CtlTable.string("domainname", 0644, domainname, UTS_LEN));
        log.prInfo("Run /sbin/init as init process");
    }

    /** The directories an initramfs would provide: mount points and scratch space. */
    private static void populateRootfs(Vfs vfs) throws ErrnoException {
        vfs.mkdir("/proc", 0555);
        vfs.mkdir("/sys", 0555);
        vfs.mkdir("/dev", 0755);
        vfs.mkdir("/mnt", 0755);
        vfs.mkdir("/root", 0700);
        vfs.mkdir("/tmp", 01777);
    }

    @Deactivate
    void deactivate() {
        utsSysctls.unregister();
        log.prEmerg("reboot: Power down");
    }

    @Override
    public Utsname uname() {
        return new Utsname(Version.SYSNAME, hostname.get(), version.release(), version.version(),
                machine.architecture(), domainname.get());
    }

    @Override
    public String commandLine() {
        return machine.commandLine();
    }

    @Override
    public Optional<String> param(String name) {
        Optional<String> found = Optional.empty();
        for (BootCommandLine.Param p : BootCommandLine.parse(machine.commandLine())) {
            if (BootCommandLine.sameName(p.name(), name)) {
                found = Optional.of(p.value() == null ? "" : p.value());
            }
        }
        return found;
    }

    @Override
    public long ktimeGetNs() {
        return time.ktimeGetNs();
    }

    @Override
    public void powerOff(int status) {
        machine.powerOff(status);
    }

    @Override
    public void addTaint(Taint flag) {
        taints.add(flag);
    }

    @Override
    public long tainted() {
        return taints.mask();
    }
}
