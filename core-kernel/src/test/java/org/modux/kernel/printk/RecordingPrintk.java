package org.modux.kernel.printk;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A printk for unit tests: keeps every message, formatted, with its level's name in front ("warn: ..."). */
public final class RecordingPrintk implements Printk {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void printk(LogLevel level, String format, Object... args) {
        lines.add(level.dmesgName() + ": " + String.format(format, args));
    }

    @Override
    public Printk subsystem(String name) {
        return this;
    }

    /** The messages so far, oldest first. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The messages at {@code level}. */
    public List<String> at(LogLevel level) {
        String prefix = level.dmesgName() + ": ";
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
    }
}
