package org.modux.hw.irq;

/**
 * Plugs test devices into the machine, as QEMU's {@code -device} does; one service
 * per machine. Devices still attached when the machine goes away are closed.
 */
public interface IrqTestDevices {

    /**
     * Attaches a new test device to line {@code irq} (IllegalArgumentException if it
     * does not exist). The device starts stopped.
     */
    IrqTestDevice attach(int irq);
}
