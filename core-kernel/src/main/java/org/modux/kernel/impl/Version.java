package org.modux.kernel.impl;

import java.util.Dictionary;

import org.osgi.framework.Bundle;

/**
 * The kernel's identity (Linux: init/version.c, {@code linux_banner} and
 * {@code init_uts_ns}): release and build date come from the kernel bundle's
 * manifest, written by bnd at build time.
 */
record Version(String release, String version, String banner) {

    static final String SYSNAME = "Modux";
    private static final String COMPILE_BY = "modux";
    private static final String COMPILE_HOST = "build";
    private static final String COMPILER = "javac --release 21";

    static Version of(Bundle kernel) {
        Dictionary<String, String> headers = kernel.getHeaders("");
        String release = headers.get("Modux-Release");
        String date = headers.get("Modux-Build-Date");
        String version = "#1 SMP " + date;
        String banner = String.format("%s version %s (%s@%s) (%s) %s", SYSNAME, release, COMPILE_BY, COMPILE_HOST,
                COMPILER, version);
        return new Version(release, version, banner);
    }
}
