package org.modux.usr.nio;

import org.modux.uapi.Errno;

/**
 * The C library's thread-local {@code errno}: the last error a system call made
 * through java.nio gave on this thread. Tools need it where java.nio hides the
 * error, as a PrintStream does behind {@code checkError()}.
 */
public final class Libc {

    private static final ThreadLocal<Errno> ERRNO = new ThreadLocal<>();

    private Libc() {
    }

    /** The errno of the last failed call on this thread, or null. */
    public static Errno errno() {
        return ERRNO.get();
    }

    static void setErrno(Errno errno) {
        ERRNO.set(errno);
    }
}
