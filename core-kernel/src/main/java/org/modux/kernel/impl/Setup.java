package org.modux.kernel.impl;

import org.modux.hw.Machine;
import org.modux.hw.MemoryRegion;
import org.modux.kernel.printk.Printk;
import org.modux.kernel.printk.impl.KernelLog;
import org.modux.kernel.time.impl.Timekeeping;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The first lines of the boot (Linux: init/main.c start_kernel up to
 * {@code parse_args}, and arch/x86/kernel/setup.c, e820.c): the banner, the command
 * line, the firmware memory map, and the verdict on the parameters; then kernel time
 * starts, so these lines are stamped 0 as Linux's are. Components that print during
 * boot, and the console, reference this one, so the log keeps Linux's order.
 */
@Component(service = Setup.class)
public final class Setup {

    private final Version version;
    private final Machine machine;

    @Activate
    public Setup(@Reference Machine machine, @Reference Printk printk, @Reference KernelLog kernelLog,
            @Reference Timekeeping timekeeping, BundleContext context) {
        this.machine = machine;
        this.version = Version.of(context.getBundle());
        Printk log = printk.subsystem("init");
        log.prNotice("%s", version.banner());
        log.prInfo("Command line: %s", machine.commandLine());
        log.prInfo("BIOS-provided physical RAM map:");
        for (MemoryRegion r : machine.memoryMap()) {
            log.prInfo("BIOS-e820: [mem 0x%016x-0x%016x] %s", r.start(), r.end(), r.type().label());
        }
        kernelLog.setupLogBuf();
        log.prNotice("Kernel command line: %s", machine.commandLine());
        KernelParams.Verdict verdict = KernelParams.judge(machine.commandLine());
        for (String p : verdict.malformedEarly()) {
            log.prWarn("Malformed early option '%s'", p.substring(0, p.indexOf('=') < 0 ? p.length() : p.indexOf('=')));
        }
        for (String p : verdict.invalid()) {
            int eq = p.indexOf('=');
            log.prErr("Booting kernel: '%s' invalid for parameter '%s'", eq < 0 ? "" : p.substring(eq + 1),
                    eq < 0 ? p : p.substring(0, eq));
        }
        if (!verdict.unknown().isEmpty()) {
            log.prNotice("Unknown kernel command line parameters \"%s\", will be passed to user space.",
                    String.join(" ", verdict.unknown()));
        }
        timekeeping.timekeepingInit();
    }

    Version version() {
        return version;
    }

    Machine machine() {
        return machine;
    }
}
