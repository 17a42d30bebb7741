package org.modux.fs;

import java.nio.ByteBuffer;

/** Helpers for simple filesystems (Linux: fs/libfs.c). */
public final class Libfs {

    private Libfs() {
    }

    /**
     * {@code simple_read_from_buffer}: copies {@code data} from {@code pos} into
     * {@code dst} as far as both allow; returns the bytes copied, 0 at or past the end.
     */
    public static int simpleReadFromBuffer(ByteBuffer dst, long pos, byte[] data) {
        if (pos < 0 || pos >= data.length) {
            return 0;
        }
        int n = (int) Math.min(dst.remaining(), data.length - pos);
        dst.put(data, (int) pos, n);
        return n;
    }
}
