/**
 * The kernel core's own face (Linux: include/linux/utsname.h, reboot.h, init.h): identity, boot command line, boot time, taint and power-off.
 */
@Export
@Version("1.1.0")
package org.modux.kernel;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
