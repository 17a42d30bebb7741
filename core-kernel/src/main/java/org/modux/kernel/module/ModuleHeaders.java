package org.modux.kernel.module;

/**
 * The manifest headers and service properties that make a bundle a kernel module
 * and its services exported symbols (Linux: the {@code .modinfo} section and
 * {@code EXPORT_SYMBOL}, {@code EXPORT_SYMBOL_GPL}).
 */
public final class ModuleHeaders {

    /** The module's name; a bundle without it is not a module ("Invalid module format"). */
    public static final String MODULE_NAME = "Module-Name";
    /** {@code MODULE_ALIAS}: comma-separated modalias patterns the module handles. */
    public static final String MODULE_ALIAS = "Module-Alias";
    /** {@code MODULE_INFO(intree, "Y")}: written by the distribution's module tree build. */
    public static final String MODULE_INTREE = "Module-Intree";
    /**
     * The kernel release the module was built for, its {@code vermagic}: a module
     * built for another release loads only when forced. The module tree's build
     * writes it; a module without it is checked by its API versions alone.
     */
    public static final String RELEASE = "Modux-Release";
    /** {@code MODULE_LICENSE}: an SPDX expression or one of Linux's licence strings. */
    public static final String LICENSE = "Bundle-License";

    /** Service property of an exported symbol that only GPL-compatible modules may use. */
    public static final String SYMBOL_LICENSE = "kernel.symbol.license";
    /** The value of {@link #SYMBOL_LICENSE} for {@code EXPORT_SYMBOL_GPL}. */
    public static final String GPL = "GPL";

    private ModuleHeaders() {
    }
}
