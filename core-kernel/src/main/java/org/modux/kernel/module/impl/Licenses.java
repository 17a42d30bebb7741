package org.modux.kernel.module.impl;

import java.util.Locale;
import java.util.Set;

/**
 * Which module licences are GPL-compatible (Linux: include/linux/license.h,
 * {@code license_is_gpl_compatible}). A module states its licence in
 * {@code Bundle-License}, either as one of Linux's strings or as an SPDX expression;
 * the table below holds both spellings of the set Linux accepts. An SPDX
 * {@code OR} expression is compatible when one of its alternatives is, which is
 * what Linux's "Dual BSD/GPL" and friends say. Anything else loads, but taints the
 * kernel P and cannot use GPL-only symbols.
 */
final class Licenses {

    /** Linux's own strings, verbatim. */
    private static final Set<String> LINUX = Set.of("GPL", "GPL v2", "GPL and additional rights",
            "Dual BSD/GPL", "Dual MIT/GPL", "Dual MPL/GPL");

    /** SPDX identifiers of the GPL version 2 family, the kernel's own licence (case-insensitive). */
    private static final Set<String> SPDX = Set.of("gpl-2.0", "gpl-2.0-only", "gpl-2.0-or-later", "gpl-2.0+");

    private Licenses() {
    }

    /** The licence as modinfo prints it: the header's first clause, without OSGi attributes. */
    static String of(String bundleLicense) {
        if (bundleLicense == null || bundleLicense.isBlank()) {
            return "";
        }
        int semicolon = bundleLicense.indexOf(';');
        return (semicolon < 0 ? bundleLicense : bundleLicense.substring(0, semicolon)).strip();
    }

    /** {@code license_is_gpl_compatible}: a missing licence is not. */
    static boolean isGplCompatible(String license) {
        if (LINUX.contains(license)) {
            return true;
        }
        String expression = license.replace("(", " ").replace(")", " ").strip();
        if (expression.isEmpty()) {
            return false;
        }
        for (String alternative : expression.split("\\s+OR\\s+")) {
            String id = alternative.strip().split("\\s+WITH\\s+")[0].strip().toLowerCase(Locale.ROOT);
            if (SPDX.contains(id)) {
                return true;
            }
        }
        return false;
    }
}
