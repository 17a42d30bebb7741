package org.modux.hw.irq;

/**
 * One device's connection to an interrupt line: the wire a device model drives.
 * Lines are wired-OR, as shared PCI INTx lines are: a line is asserted while any
 * of its connections is raised, so each device gets its own connection from
 * {@link InterruptController#line(int)}. Any thread may call these; none blocks
 * for long (a short per-line lock and {@link org.modux.hw.Cpu#raise}).
 */
public interface IrqLine {

    /** The Linux irq number of the line. */
    int irq();

    /**
     * Drives this connection high. On an edge-triggered line, the line going from
     * deasserted to asserted is one interrupt; on a level-triggered line, the line is
     * delivered until the device lowers it. Raising an already raised connection does
     * nothing.
     */
    void raise();

    /** Drives this connection low. Lowering a low connection does nothing. */
    void lower();

    /**
     * Raises and lowers at once: one edge, what an ISA device's pulse or an MSI write
     * is. On a line another connection holds high, no edge happens.
     */
    void pulse();

    /** Whether this connection is driven high. */
    boolean isRaised();
}
