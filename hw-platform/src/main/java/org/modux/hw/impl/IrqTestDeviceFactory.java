package org.modux.hw.impl;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.modux.hw.ClockSource;
import org.modux.hw.Machine;
import org.modux.hw.irq.InterruptController;
import org.modux.hw.irq.IrqTestDevice;
import org.modux.hw.irq.IrqTestDevices;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Plugs {@link IrqTestDev}s into the machine's interrupt controller, and unplugs
 * (closes) those still attached when it goes away, so no device thread outlives the
 * machine.
 */
@Component(service = IrqTestDevices.class)
public final class IrqTestDeviceFactory implements IrqTestDevices {

    private final InterruptController controller;
    private final ClockSource clock;
    private final Set<IrqTestDev> attached = ConcurrentHashMap.newKeySet();

    @Activate
    public IrqTestDeviceFactory(@Reference InterruptController controller, @Reference Machine machine) {
        this(controller, machine.clock());
    }

    IrqTestDeviceFactory(InterruptController controller, ClockSource clock) {
        this.controller = controller;
        this.clock = clock;
    }

    @Override
    public IrqTestDevice attach(int irq) {
        IrqTestDev device = new IrqTestDev(controller.line(irq), clock, attached::remove);
        attached.add(device);
        return device;
    }

    /** Closes every device still attached. */
    @Deactivate
    void detachAll() {
        for (IrqTestDev device : List.copyOf(attached)) {
            device.close();
        }
    }
}
