package org.modux.kernel.printk.impl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.modux.kernel.printk.Console;

/** A console that keeps what it is given, for tests to read back. */
class MemoryConsole implements Console {

    private final String name;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    MemoryConsole(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void write(byte[] text, int off, int len) {
        out.write(text, off, len);
    }

    /** Everything written so far. */
    synchronized String text() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
