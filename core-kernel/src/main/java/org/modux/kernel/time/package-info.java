/**
 * Kernel timers and jiffies (Linux: include/linux/timer.h, jiffies.h): a
 * {@code timer_list} runs its function once, in TIMER_SOFTIRQ on the CPU it was
 * added on, at the first tick at or after its expiry in jiffies (HZ=250).
 */
@Export
@Version("1.0.0")
package org.modux.kernel.time;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
