/**
 * Workqueues (Linux: include/linux/workqueue.h): work items run in process context
 * by {@code kworker/N:M} kernel threads, so they may sleep.
 */
@Export
@Version("1.0.0")
package org.modux.kernel.workqueue;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
