package org.modux.fs.proc.impl;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.IllegalFormatException;

import org.modux.fs.FileOperations;
import org.modux.fs.Libfs;
import org.modux.fs.proc.ProcWrite;
import org.modux.fs.proc.SeqFile;
import org.modux.fs.proc.SeqShow;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/**
 * A generated file's contents for one open (Linux: fs/seq_file.c with
 * {@code single_open}): the show function prints the whole file once, on the first
 * read, and reads are served from that snapshot, so a reader never sees a torn
 * file. Writes go to the entry's write handler. One open file's monitor guards it.
 */
final class SeqBuffer implements SeqFile, FileOperations {

    private final SeqShow show;
    private final ProcWrite write;
    private final StringBuilder text = new StringBuilder();
    private byte[] bytes;

    SeqBuffer(SeqShow show, ProcWrite write) {
        this.show = show;
        this.write = write;
    }

    @Override
    public SeqFile printf(String format, Object... args) {
        try {
            text.append(String.format(format, args));
        } catch (IllegalFormatException e) {
            text.append(format);
        }
        return this;
    }

    @Override
    public SeqFile puts(CharSequence s) {
        text.append(s);
        return this;
    }

    @Override
    public SeqFile putc(char c) {
        text.append(c);
        return this;
    }

    @Override
    public synchronized int read(ByteBuffer dst, long pos) throws ErrnoException {
        if (show == null) {
            throw new ErrnoException(Errno.EIO);
        }
        if (bytes == null) {
            show.show(this);
            bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        }
        return Libfs.simpleReadFromBuffer(dst, pos, bytes);
    }

    @Override
    public int write(ByteBuffer src, long pos) throws ErrnoException {
        if (write == null) {
            throw new ErrnoException(Errno.EIO);
        }
        int n = src.remaining();
        byte[] data = new byte[n];
        src.get(data);
        write.write(new String(data, StandardCharsets.UTF_8));
        return n;
    }
}
