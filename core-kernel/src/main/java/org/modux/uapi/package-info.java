/**
 * What user space sees of the kernel's errors (Linux: include/uapi/asm-generic/errno-base.h, errno.h): errno values with Linux's names, numbers and glibc's messages.
 */
@Export
@Version("1.1.0")
package org.modux.uapi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
