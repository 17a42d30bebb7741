/**
 * Loadable modules (Linux: include/linux/module.h, moduleparam.h, and the
 * init_module/delete_module system calls): a module's handle and reference count,
 * the names of the headers a module bundle carries, and the loader's system calls
 * that insmod and rmmod use.
 */
@Export
@Version("1.0.0")
package org.modux.kernel.module;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
