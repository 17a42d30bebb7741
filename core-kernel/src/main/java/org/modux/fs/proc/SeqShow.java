package org.modux.fs.proc;

import org.modux.uapi.ErrnoException;

/** Prints a whole generated /proc file ({@code single_open}'s show function). */
@FunctionalInterface
public interface SeqShow {

    void show(SeqFile m) throws ErrnoException;
}
