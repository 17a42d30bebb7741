package org.modux.kernel;

/** What {@code uname(2)} returns (Linux: {@code struct new_utsname}). */
public record Utsname(String sysname, String nodename, String release, String version, String machine,
        String domainname) {
}
