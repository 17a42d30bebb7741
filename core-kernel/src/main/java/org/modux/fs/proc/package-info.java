/**
 * procfs for subsystems and modules (Linux: include/linux/proc_fs.h, seq_file.h): generated read-only files, directories and symlinks under /proc, each owned by the bundle that made it and removed when it goes.
 */
@Export
@Version("1.0.0")
package org.modux.fs.proc;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
