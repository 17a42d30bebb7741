package org.modux.uapi;

/**
 * A system call or kernel function failing with an errno: the Java form of Linux's
 * negative return value. The message is glibc's text, so a command can print
 * {@code cat: /proc/nope: No such file or directory} from it directly.
 */
public class ErrnoException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Errno errno;

    public ErrnoException(Errno errno) {
        super(errno.message(), null, false, false);
        this.errno = errno;
    }

    /** With a detail for the kernel log; {@link #getMessage()} stays glibc's text. */
    public ErrnoException(Errno errno, Throwable cause) {
        super(errno.message(), cause, false, false);
        this.errno = errno;
    }

    public Errno errno() {
        return errno;
    }
}
