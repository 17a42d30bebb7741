package org.modux.lib.kobject;

import java.util.function.Supplier;

import org.modux.uapi.ErrnoException;

/**
 * A sysfs attribute: one file in a kobject's directory holding one value (Linux:
 * {@code struct kobj_attribute} with its show and store). {@code show} returns the
 * text without the trailing newline, which sysfs adds; a read-only attribute has a
 * null {@code store}.
 */
public record Attribute(String name, int mode, Supplier<String> show, Store store) {

    /** {@code store()}: takes the written text (with its newline, as written) or fails. */
    @FunctionalInterface
    public interface Store {
        void store(String value) throws ErrnoException;
    }

    /** A read-only attribute, mode 0444. */
    public static Attribute readOnly(String name, Supplier<String> show) {
        return new Attribute(name, 0444, show, null);
    }
}
