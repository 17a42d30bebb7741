package org.modux.hw.irq;

/**
 * How an interrupt line signals: the trigger-mode bit of an IO-APIC redirection
 * entry. Polarity (active high or low) is not modelled: a line is either asserted
 * or not.
 */
public enum Trigger {
    /** One delivery per rising edge; ISA devices and every MSI. */
    EDGE("edge"),
    /**
     * Delivered while asserted; after a delivery the line waits for the kernel's EOI
     * (the IO-APIC's remote IRR) and is delivered again if still asserted. PCI INTx.
     */
    LEVEL("fasteoi");

    private final String flowName;

    Trigger(String flowName) {
        this.flowName = flowName;
    }

    /**
     * The flow handler name Linux's IO-APIC code gives lines of this trigger
     * ({@code handle_edge_irq} "edge", {@code handle_fasteoi_irq} "fasteoi"), which
     * /proc/interrupts prints after the hardware irq number: {@code 2-edge},
     * {@code 9-fasteoi}.
     */
    public String flowName() {
        return flowName;
    }
}
