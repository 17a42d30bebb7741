/**
 * The emulated machine as the kernel sees it through firmware: the command line the
 * boot loader hands over, the physical memory map, the CPUs, a clock source, the
 * per-CPU clock event devices and the power controller. The interrupt controller is in
 * {@code org.modux.hw.irq}; device models and RAM contents come with later subsystems.
 */
@Export
@Version("1.2.0")
package org.modux.hw;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
