package org.modux.kernel.module.impl;

import java.util.Map;
import java.util.TreeMap;

/**
 * The virtual address range modules are placed in (Linux: {@code execmem_alloc},
 * formerly {@code module_alloc}; x86-64's MODULES_VADDR..MODULES_END in
 * Documentation/arch/x86/x86_64/mm.rst). Each module gets page-aligned addresses
 * for the size of its image, which /proc/modules and /proc/kallsyms show; nothing
 * is mapped there, the addresses are the module's identity in reports. First fit,
 * so a range freed by rmmod is reused. Guarded by this object's monitor.
 */
final class ModuleArea {

    static final long MODULES_VADDR = 0xffffffffc0000000L;
    static final long MODULES_END = 0xffffffffff000000L;
    static final long PAGE_SIZE = 4096;

    /** Allocated ranges: start to length. */
    private final TreeMap<Long, Long> used = new TreeMap<>(Long::compareUnsigned);

    /** Page-aligned space for {@code size} bytes; -1 when the area is full. */
    synchronized long alloc(long size) {
        if (size < 0 || size > MODULES_END - MODULES_VADDR) {
            return -1;
        }
        long length = pageAlign(size);
        long candidate = MODULES_VADDR;
        // Lengths are compared with the room left, never added to an address: the
        // area ends 16 MiB below 2^64, so candidate + length can wrap past zero.
        for (Map.Entry<Long, Long> range : used.entrySet()) {
            if (length <= range.getKey() - candidate) {
                break;
            }
            candidate = range.getKey() + range.getValue();
        }
        if (length > MODULES_END - candidate) {
            return -1;
        }
        used.put(candidate, length);
        return candidate;
    }

    synchronized void free(long address) {
        used.remove(address);
    }

    static long pageAlign(long size) {
        return Math.max(PAGE_SIZE, (size + PAGE_SIZE - 1) & -PAGE_SIZE);
    }
}
