/**
 * Softirqs and tasklets (Linux: include/linux/interrupt.h): the ten softirq
 * vectors, {@code raise_softirq}, {@code local_bh_disable}, the context tests
 * ({@code in_softirq}, {@code in_interrupt}) and tasklets, which run from the HI and
 * TASKLET softirqs. Kernel timers are in {@code org.modux.kernel.time}, workqueues
 * in {@code org.modux.kernel.workqueue}.
 */
@Export
@Version("1.0.0")
package org.modux.kernel.softirq;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
