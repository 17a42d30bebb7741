package org.modux.fs.proc;

/**
 * The buffer a generated /proc file is printed into (Linux: {@code struct seq_file}).
 * A show function writes the whole file each time it is opened; readers then read
 * it in pieces, so a file is always a consistent snapshot.
 */
public interface SeqFile {

    /** {@code seq_printf}: Java {@link String#format} syntax. */
    SeqFile printf(String format, Object... args);

    /** {@code seq_puts}. */
    SeqFile puts(CharSequence s);

    /** {@code seq_putc}. */
    SeqFile putc(char c);
}
