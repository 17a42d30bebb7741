package org.modux.fs;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Helpers for simple filesystems (Linux: fs/libfs.c), and {@code seq_escape}
 * (fs/seq_file.c), which /proc/mounts and filesystems' {@code show_options} use.
 */
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

    /**
     * The names a path consists of, in order, without the empty ones that leading,
     * trailing and repeated slashes make: {@code "/proc//sys/"} is {@code [proc, sys]}.
     * "." and ".." are kept; resolving them is the walker's job.
     */
    public static List<String> pathComponents(String path) {
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        return parts;
    }

    /**
     * {@code seq_escape}: each character of {@code special} in {@code s} becomes a backslash
     * and three octal digits ({@code ' '} is {@code \040}), so that a field of /proc/mounts
     * never holds a separator.
     */
    public static String seqEscape(String s, String special) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (special.indexOf(c) >= 0) {
                out.append(String.format("\\%03o", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
