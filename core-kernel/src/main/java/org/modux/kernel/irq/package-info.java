/**
 * The generic interrupt layer's API (Linux: include/linux/interrupt.h): what a
 * driver calls to get an interrupt line and what its handler returns. A driver sees
 * only this; the descriptors, flow handlers and /proc files are in the impl package,
 * the controller itself in hw-platform ({@link org.modux.hw.irq.InterruptController}).
 */
@Export
@Version("1.0.0")
package org.modux.kernel.irq;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
