/**
 * Per-CPU data (Linux: include/linux/percpu.h, percpu-defs.h): a variable with one
 * instance per CPU, which a CPU's code reaches without locking
 * ({@code this_cpu_ptr}, {@code this_cpu_add}) and anyone can read or sum across
 * the CPUs ({@code per_cpu_ptr}, {@code per_cpu}). {@link org.modux.kernel.percpu.PerCpus}
 * allocates them.
 */
@Export
@Version("1.0.0")
package org.modux.kernel.percpu;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
