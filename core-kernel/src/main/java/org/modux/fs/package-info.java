/**
 * The virtual filesystem (Linux: include/linux/fs.h and the file system calls): the system-call face user space uses, and the inode, superblock and file-operations contracts that filesystems implement. Filesystem types are registered as services ({@link org.modux.fs.FileSystemType}).
 */
@Export
@Version("1.1.0")
package org.modux.fs;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
