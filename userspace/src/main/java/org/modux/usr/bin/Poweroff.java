package org.modux.usr.bin;

import org.apache.felix.service.command.Descriptor;
import org.modux.kernel.Kernel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code poweroff} (systemd/sysvinit, poweroff(8)): reboot(2) with
 * LINUX_REBOOT_CMD_POWER_OFF. Every module stops in order, the kernel prints
 * "reboot: Power down" and the machine switches off.
 */
@Component(service = Poweroff.class,
        property = {"osgi.command.scope=" + Tool.SCOPE, "osgi.command.function=poweroff"})
public final class Poweroff {

    private final Kernel kernel;

    @Activate
    public Poweroff(@Reference Kernel kernel) {
        this.kernel = kernel;
    }

    @Descriptor("power off the machine")
    public void poweroff() {
        kernel.powerOff(0);
    }
}
