/**
 * The machine's interrupt hardware, as the kernel's genirq layer and device models
 * see it: the interrupt controller (the IO-APIC's 24 pins, dynamically allocated
 * MSI lines, inter-processor interrupts), the lines devices raise, and a test
 * device for measuring delivery. The include/linux/irq.h side of the machine; the
 * CPUs that receive the vectors are {@link org.modux.hw.Cpu}, the per-CPU timers
 * {@link org.modux.hw.ClockEventDevice}.
 */
@Export
@Version("1.0.0")
package org.modux.hw.irq;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
