/**
 * Kernel locking (Linux: include/linux/spinlock.h, rwlock.h, mutex.h, semaphore.h,
 * seqlock.h, rcupdate.h): spinning locks that disable preemption (and, in their
 * {@code _irqsave}/{@code _bh} forms, interrupts or softirqs), sleeping mutexes and
 * semaphores, sequence locks and RCU, with Linux's debug checks: sleeping in atomic
 * context, spinlock misuse, and a lockdep-style report of a lock order that can
 * deadlock. {@link org.modux.kernel.locking.Locking} makes them.
 */
@Export
@Version("1.0.0")
package org.modux.kernel.locking;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
