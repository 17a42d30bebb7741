package org.modux.kernel.module.impl;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.modux.fs.File;
import org.modux.fs.OpenFlags;
import org.modux.fs.Vfs;
import org.modux.uapi.ErrnoException;

/**
 * Which module in the module tree exports a symbol, read from depmod's
 * /lib/modules/RELEASE/modules.symbols ({@code alias symbol:NAME MODULE} lines, as
 * {@code symbol_request()} uses them in Linux). Only a failed load asks, to tell the
 * user which module would provide what is missing; without the index there is no
 * hint.
 */
final class SymbolIndex {

    private final Vfs vfs;
    private final String path;

    SymbolIndex(Vfs vfs, String release) {
        this.vfs = vfs;
        this.path = "/lib/modules/" + release + "/modules.symbols";
    }

    /** The module that exports {@code symbol}, if the index names one. */
    Optional<String> exporter(String symbol) {
        String wanted = "symbol:" + symbol;
        for (String line : read().split("\n")) {
            String[] words = line.strip().split("\\s+");
            if (words.length == 3 && words[0].equals("alias") && words[1].equals(wanted)) {
                return Optional.of(words[2]);
            }
        }
        return Optional.empty();
    }

    private String read() {
        File f;
        try {
            f = vfs.open(path, OpenFlags.O_RDONLY, 0);
        } catch (ErrnoException e) {
            return "";
        }
        try {
            StringBuilder text = new StringBuilder();
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (f.read(buf.clear()) > 0) {
                text.append(StandardCharsets.UTF_8.decode(buf.flip()));
            }
            return text.toString();
        } catch (ErrnoException e) {
            return "";
        } finally {
            f.close();
        }
    }
}
