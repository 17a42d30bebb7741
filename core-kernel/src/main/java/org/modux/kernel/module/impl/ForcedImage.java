package org.modux.kernel.module.impl;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.osgi.framework.Constants;

/**
 * What {@code insmod -f} does to a module whose API versions disagree with the
 * kernel's (Linux: {@code MODULE_INIT_IGNORE_MODVERSIONS}, which makes the loader
 * skip {@code check_version}): a copy of the image whose {@code Import-Package}
 * clauses for those packages carry no version range, so the module wires to
 * whatever version the kernel has. The module may then fail at any time; the
 * kernel is tainted F for it.
 */
final class ForcedImage {

    private ForcedImage() {
    }

    /** The image with the version ranges of {@code packages} removed from its imports. */
    static byte[] withoutVersions(byte[] image, Set<String> packages) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.length);
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(image))) {
            Manifest manifest = in.getManifest();
            Attributes main = manifest.getMainAttributes();
            String imports = main.getValue(Constants.IMPORT_PACKAGE);
            if (imports != null) {
                main.putValue(Constants.IMPORT_PACKAGE, rewrite(imports, packages));
            }
            try (JarOutputStream jar = new JarOutputStream(out, manifest)) {
                for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    jar.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(jar);
                    jar.closeEntry();
                }
            }
        }
        return out.toByteArray();
    }

    /** Drops the {@code version} attribute of every clause that names one of {@code packages}. */
    static String rewrite(String header, Set<String> packages) {
        List<String> clauses = new ArrayList<>();
        for (String clause : split(header, ',')) {
            List<String> parts = split(clause, ';');
            if (!packages.contains(parts.get(0).strip())) {
                clauses.add(clause);
                continue;
            }
            List<String> kept = new ArrayList<>();
            for (String part : parts) {
                String p = part.strip();
                if (!p.startsWith(Constants.VERSION_ATTRIBUTE + "=") && !p.startsWith(Constants.VERSION_ATTRIBUTE + ":")) {
                    kept.add(p);
                }
            }
            clauses.add(String.join(";", kept));
        }
        return String.join(",", clauses);
    }

    /** Splits a manifest header at {@code sep} outside double quotes. */
    private static List<String> split(String s, char sep) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : s.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == sep && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
