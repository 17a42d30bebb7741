/**
 * sysctl tables (Linux: include/linux/sysctl.h): typed, range-checked, writable entries under /proc/sys, registered by subsystems and modules.
 */
@Export
@Version("1.0.0")
package org.modux.kernel.sysctl;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
