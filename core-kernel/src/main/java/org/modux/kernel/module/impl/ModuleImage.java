package org.modux.kernel.module.impl;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;

import org.osgi.framework.Bundle;

/**
 * The size of a module's image, as /proc/modules and /sys/module/NAME/coresize
 * show it (Linux: the sum of the module's memory regions, {@code mod->mem[]}): here
 * the uncompressed size of every entry in the module's bundle, rounded up to
 * whole pages, since that is what the module occupies once loaded.
 */
final class ModuleImage {

    private ModuleImage() {
    }

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
}
