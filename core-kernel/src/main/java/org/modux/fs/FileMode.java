package org.modux.fs;

/**
 * The file type and permission bits of {@code st_mode} (Linux: include/uapi/linux/stat.h),
 * and the way {@code ls -l} prints them.
 */
public final class FileMode {

    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;

    public static final int S_IRUSR = 0400;
    public static final int S_IWUSR = 0200;
    public static final int S_IXUSR = 0100;

    private FileMode() {
    }

    public static boolean isDir(int mode) {
        return (mode & S_IFMT) == S_IFDIR;
    }

    public static boolean isReg(int mode) {
        return (mode & S_IFMT) == S_IFREG;
    }

    public static boolean isLnk(int mode) {
        return (mode & S_IFMT) == S_IFLNK;
    }

    /** The {@code d_type} of a directory entry ({@code DT_DIR} is 4, {@code DT_REG} 8 ...). */
    public static int dtype(int mode) {
        return (mode & S_IFMT) >>> 12;
    }

    /** The ten characters {@code ls -l} prints for a mode, such as {@code dr-xr-xr-x}. */
    public static String toLsString(int mode) {
        char type = switch (mode & S_IFMT) {
            case S_IFDIR -> 'd';
            case S_IFLNK -> 'l';
            case S_IFCHR -> 'c';
            case S_IFBLK -> 'b';
            case S_IFIFO -> 'p';
            case S_IFSOCK -> 's';
            default -> '-';
        };
        StringBuilder s = new StringBuilder(10).append(type);
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s.append((mode & (0400 >> i)) != 0 ? rwx.charAt(i) : '-');
        }
        if ((mode & 04000) != 0) {
            s.setCharAt(3, (mode & 0100) != 0 ? 's' : 'S');
        }
        if ((mode & 02000) != 0) {
            s.setCharAt(6, (mode & 0010) != 0 ? 's' : 'S');
        }
        if ((mode & 01000) != 0) {
            s.setCharAt(9, (mode & 0001) != 0 ? 't' : 'T');
        }
        return s.toString();
    }
}
