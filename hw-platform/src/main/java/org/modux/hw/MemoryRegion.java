package org.modux.hw;

/**
 * One entry of the firmware memory map, as the BIOS reports it through e820.
 *
 * @param start first byte of the region
 * @param end   last byte of the region (inclusive, as Linux prints it)
 * @param type  what the region is
 */
public record MemoryRegion(long start, long end, Type type) {

    /** e820 region types that this machine reports. */
    public enum Type {
        USABLE("usable"),
        RESERVED("reserved");

        private final String label;

        Type(String label) {
            this.label = label;
        }

        /** The word Linux prints for this type in the e820 map. */
        public String label() {
            return label;
        }
    }

    public MemoryRegion {
        if (end < start) {
            throw new IllegalArgumentException("region ends before it starts");
        }
    }

    /** Size of the region in bytes. */
    public long size() {
        return end - start + 1;
    }
}
