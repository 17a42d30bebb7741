package org.modux.kernel.locking;

/**
 * {@code seqlock_t}: writers take a spinlock and bump a sequence count around their
 * update; readers never block and retry if a write overlapped:
 * {@code do { seq = readSeqbegin(); ...read... } while (readSeqretry(seq));}
 */
public interface Seqlock {

    /** {@code read_seqbegin}: waits out a write in progress; the sequence to check. */
    int readSeqbegin();

    /** {@code read_seqretry}: whether a write happened since {@code start}. */
    boolean readSeqretry(int start);

    /** {@code write_seqlock}. */
    void writeSeqlock();

    /** {@code write_sequnlock}. */
    void writeSequnlock();
}
