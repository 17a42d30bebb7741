package org.modux.fs;

import java.nio.ByteBuffer;

import org.modux.uapi.ErrnoException;

/** An open file as the system calls see it (Linux: {@code struct file}): a position and the operations. */
public interface File extends AutoCloseable {

    int SEEK_SET = 0;
    int SEEK_CUR = 1;
    int SEEK_END = 2;

    /** {@code read(2)}: bytes read into {@code dst}, 0 at end of file. */
    int read(ByteBuffer dst) throws ErrnoException;

    /** {@code write(2)}: bytes written from {@code src}. */
    int write(ByteBuffer src) throws ErrnoException;

    /** {@code lseek(2)}: the new position. */
    long lseek(long offset, int whence) throws ErrnoException;

    /** The {@code open(2)} flags. */
    int flags();

    /** The path the file was opened by. */
    String path();

    /** {@code close(2)}. */
    @Override
    void close();
}
