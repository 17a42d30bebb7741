package org.modux.kernel.module.impl;

import java.io.IOException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Enumeration;

import org.osgi.framework.Bundle;

/**
 * The size of a module's image, as /proc/modules and /sys/module/NAME/coresize
 * show it (Linux: the sum of the module's memory regions, {@code mod->mem[]}): here
 * the uncompressed size of every entry in the module's bundle, rounded up to
 * whole pages, since that is what the module occupies once loaded.
 */
final class ModuleImage {

    /** Not known from the image: ask the installed bundle. */
    static final long UNKNOWN = -1;

    private static final int END_SIGNATURE = 0x06054b50;
    private static final int END_LENGTH = 22;
    private static final int CENTRAL_SIGNATURE = 0x02014b50;
    private static final int CENTRAL_LENGTH = 46;
    private static final long ZIP64_MARKER = 0xffffffffL;

    private ModuleImage() {
    }

    /** The size of an installed module bundle, from its entries. */
    static long size(Bundle bundle) {
        long total = 0;
        Enumeration<URL> entries = bundle.findEntries("/", "*", true);
        while (entries != null && entries.hasMoreElements()) {
            URL entry = entries.nextElement();
            if (entry.getPath().endsWith("/")) {
                continue;
            }
            try {
                total += Math.max(0, entry.openConnection().getContentLengthLong());
            } catch (IOException e) {
                // An entry that cannot be read takes no room.
            }
        }
        return ModuleArea.pageAlign(total);
    }

    /**
     * The same size read from the image's zip central directory, which lists every
     * entry's uncompressed size; {@link #UNKNOWN} if the image is not a plain zip
     * (zip64, or damaged), when the installed bundle has to be asked instead.
     */
    static long size(byte[] image) {
        ByteBuffer zip = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        int end = -1;
        for (int at = image.length - END_LENGTH; at >= 0 && at >= image.length - END_LENGTH - 0xffff; at--) {
            if (zip.getInt(at) == END_SIGNATURE) {
                end = at;
                break;
            }
        }
        if (end < 0) {
            return UNKNOWN;
        }
        int entries = Short.toUnsignedInt(zip.getShort(end + 10));
        long offset = Integer.toUnsignedLong(zip.getInt(end + 16));
        long total = 0;
        for (int i = 0; i < entries; i++) {
            if (offset + CENTRAL_LENGTH > end || zip.getInt((int) offset) != CENTRAL_SIGNATURE) {
                return UNKNOWN;
            }
            int at = (int) offset;
            long size = Integer.toUnsignedLong(zip.getInt(at + 24));
            if (size == ZIP64_MARKER) {
                return UNKNOWN;
            }
            total += size;
            offset += CENTRAL_LENGTH + Short.toUnsignedInt(zip.getShort(at + 28))
                    + Short.toUnsignedInt(zip.getShort(at + 30)) + Short.toUnsignedInt(zip.getShort(at + 32));
        }
        return ModuleArea.pageAlign(total);
    }
}
