package org.modux.kernel.irq;

/**
 * An interrupt handler (Linux: {@code irq_handler_t}): called with the line's number
 * and the {@code devId} given to {@link Interrupts#requestIrq}. A primary handler runs
 * in hard-interrupt context on the CPU that took the interrupt and must not sleep; a
 * thread function ({@link Interrupts#requestThreadedIrq}) runs in its irq thread and
 * may. Returns {@link Interrupts#IRQ_NONE} if its device did not interrupt,
 * {@link Interrupts#IRQ_HANDLED}, or {@link Interrupts#IRQ_WAKE_THREAD} to have the
 * thread function run.
 */
@FunctionalInterface
public interface IrqHandler {

    int handle(int irq, Object devId);
}
