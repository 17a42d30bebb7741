package org.modux.kernel.sysctl;

import org.modux.uapi.ErrnoException;

/**
 * Reads and writes one sysctl's value as text (Linux: a {@code proc_handler} such as
 * {@code proc_dointvec_minmax}). A write either takes the whole value or fails with
 * EINVAL and changes nothing.
 */
public interface ProcHandler {

    /** The value as the file shows it, without the trailing newline. */
    String read();

    /** Parses and stores a new value; the text may end with a newline. */
    void write(String text) throws ErrnoException;
}
