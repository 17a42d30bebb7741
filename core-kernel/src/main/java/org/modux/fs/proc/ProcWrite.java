package org.modux.fs.proc;

import org.modux.uapi.ErrnoException;

/** Takes what was written to a writable /proc file, as one string per {@code write(2)}. */
@FunctionalInterface
public interface ProcWrite {

    void write(String data) throws ErrnoException;
}
