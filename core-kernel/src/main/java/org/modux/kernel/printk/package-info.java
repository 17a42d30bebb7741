/**
 * The kernel log (Linux: include/linux/printk.h, kernel/printk/): printk with the eight log levels, the syslog(2) face that dmesg reads, and console drivers (include/linux/console.h).
 */
@Export
@Version("1.1.0")
package org.modux.kernel.printk;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
