package org.modux.usr.kmod;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.modux.kernel.module.ModuleHeaders;
import org.modux.usr.kmod.OsgiHeader.Clause;

/**
 * A module file read without loading it (libkmod's {@code kmod_module_get_info}
 * and depmod's symbol tables, over a bundle instead of an ELF file): the headers
 * that are its .modinfo, the symbols it provides and needs, and its parameters.
 *
 * <p>Symbols: a module provides the packages it exports and the service
 * interfaces it registers ({@code Provide-Capability: osgi.service}); it needs
 * its mandatory package imports and mandatory service requirements
 * ({@code Require-Capability: osgi.service} without {@code resolution:=optional}),
 * leaving out those it provides itself (bnd imports what it exports). These are
 * the kernel's rules for "Unknown symbol" at load time.
 */
public final class ModuleFile {

    /** The kernel release the module was built for; the kernel core carries the same header. */
    static final String MODUX_RELEASE = ModuleHeaders.RELEASE;
    private static final String SERVICE = "osgi.service";
    private static final String KERNEL_API_PREFIX = "org.modux.";
    private static final Pattern OBJECT_CLASS = Pattern.compile("objectClass=([^)]+)");
    private static final Pattern FLOOR = Pattern.compile("^[\\[(]?\\s*([0-9][^,\\])]*)");

    private final Attributes headers;
    private final List<ModuleParam> params;

    private ModuleFile(Attributes headers, List<ModuleParam> params) {
        this.headers = headers;
        this.params = params;
    }

    /**
     * Reads a module jar.
     *
     * @throws IOException when the bytes are not a jar with a manifest, or its metatype is malformed
     */
    public static ModuleFile read(byte[] jar) throws IOException {
        Manifest manifest = null;
        Map<String, byte[]> resources = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String name = e.getName();
                if (name.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                    manifest = new Manifest(zip);
                } else if (MetatypeReader.isMetatype(name) || name.endsWith(".properties")) {
                    ByteArrayOutputStream buf = new ByteArrayOutputStream();
                    zip.transferTo(buf);
                    resources.put(name, buf.toByteArray());
                }
            }
        }
        if (manifest == null) {
            throw new IOException("not a jar with a manifest");
        }
        return new ModuleFile(manifest.getMainAttributes(), MetatypeReader.params(resources));
    }

    private String header(String name) {
        String v = headers.getValue(name);
        return v == null ? null : v.strip();
    }

    /** Whether the jar is a kernel module: it has a {@code Module-Name}. */
    public boolean isModule() {
        String n = header(ModuleHeaders.MODULE_NAME);
        return n != null && !n.isEmpty();
    }

    /** The module's name as the kernel gives it ({@code Module-Name}, '-' as '_'); null for a plain bundle. */
    public String name() {
        return isModule() ? header(ModuleHeaders.MODULE_NAME).replace('-', '_') : null;
    }

    /** {@code MODULE_LICENSE}: the first clause of {@code Bundle-License}, without its attributes. */
    public String license() {
        String l = header(ModuleHeaders.LICENSE);
        if (l == null || l.isEmpty()) {
            return null;
        }
        int semicolon = l.indexOf(';');
        return (semicolon < 0 ? l : l.substring(0, semicolon)).strip();
    }

    /** {@code MODULE_DESCRIPTION}: {@code Bundle-Description}. */
    public String description() {
        return header("Bundle-Description");
    }

    /**
     * {@code MODULE_AUTHOR}, one per author: each {@code Bundle-Developers} entry as
     * "name &lt;email&gt;" (its id when it has no name), else {@code Bundle-Vendor}.
     */
    public List<String> authors() {
        List<String> out = new ArrayList<>();
        for (Clause c : OsgiHeader.parse(header("Bundle-Developers"))) {
            String who = c.attribute("name") != null ? c.attribute("name") : c.name();
            out.add(c.attribute("email") != null ? who + " <" + c.attribute("email") + ">" : who);
        }
        String vendor = header("Bundle-Vendor");
        if (out.isEmpty() && vendor != null && !vendor.isEmpty()) {
            out.add(vendor);
        }
        return out;
    }

    /** {@code MODULE_ALIAS}: the {@code Module-Alias} patterns, in header order. */
    public List<String> aliases() {
        return OsgiHeader.parse(header(ModuleHeaders.MODULE_ALIAS)).stream().map(Clause::name).toList();
    }

    /** {@code MODULE_INFO(intree, "Y")}. */
    public boolean intree() {
        return "Y".equals(header(ModuleHeaders.MODULE_INTREE));
    }

    /** The release the module was built for, or null when the build did not record it. */
    public String release() {
        return header(MODUX_RELEASE);
    }

    /** The parameters, in declaration order. */
    public List<ModuleParam> params() {
        return params;
    }

    /** What the module provides to others: exported packages, then registered service interfaces. */
    public Set<String> symbols() {
        Set<String> out = new LinkedHashSet<>();
        OsgiHeader.parse(header("Export-Package")).forEach(c -> out.add(c.name()));
        for (Clause c : OsgiHeader.parse(header("Provide-Capability"))) {
            String classes = c.name().equals(SERVICE) ? c.attribute("objectClass") : null;
            if (classes != null) {
                for (String cls : classes.split(",")) {
                    if (!cls.isBlank()) {
                        out.add(cls.strip());
                    }
                }
            }
        }
        return out;
    }

    /** What the module needs and does not provide itself: mandatory imports, then mandatory service requirements. */
    public Set<String> neededSymbols() {
        Set<String> own = symbols();
        Set<String> out = new LinkedHashSet<>();
        for (Clause c : OsgiHeader.parse(header("Import-Package"))) {
            if (mandatory(c) && !own.contains(c.name())) {
                out.add(c.name());
            }
        }
        for (Clause c : OsgiHeader.parse(header("Require-Capability"))) {
            if (c.name().equals(SERVICE) && mandatory(c)) {
                Matcher m = OBJECT_CLASS.matcher(c.directive("filter") == null ? "" : c.directive("filter"));
                if (m.find() && !own.contains(m.group(1))) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }

    private static boolean mandatory(Clause c) {
        return !"optional".equals(c.directive("resolution"));
    }

    /**
     * {@code vermagic}, in Linux's shape: the release the module was built for (when
     * recorded), the configuration words every Modux kernel has ({@code SMP
     * mod_unload}), then one {@code modux-api:NAME-VERSION} word per kernel API
     * package the module imports, with the lowest version it accepts: what the
     * kernel checks at load ("Invalid module format" when its API is outside the
     * range). A package is kernel API when it is under {@code org.modux.} and no
     * module in {@code moduleSymbols} provides it.
     */
    public String vermagic(Set<String> moduleSymbols) {
        StringBuilder v = new StringBuilder();
        if (release() != null && !release().isEmpty()) {
            v.append(release()).append(' ');
        }
        v.append("SMP mod_unload");
        Set<String> own = symbols();
        for (Clause c : OsgiHeader.parse(header("Import-Package"))) {
            String pkg = c.name();
            if (pkg.startsWith(KERNEL_API_PREFIX) && !own.contains(pkg) && !moduleSymbols.contains(pkg)) {
                v.append(" modux-api:").append(pkg.substring(KERNEL_API_PREFIX.length())).append('-')
                        .append(floor(c.attribute("version")));
            }
        }
        return v.toString();
    }

    /** The lowest version a range accepts: "[1.1,2)" and "1.1" are 1.1; no range is 0.0. */
    static String floor(String range) {
        if (range == null) {
            return "0.0";
        }
        Matcher m = FLOOR.matcher(range.strip());
        return m.find() ? m.group(1).strip() : "0.0";
    }

    /**
     * The module's .modinfo as key/value pairs, in the fixed order of this
     * implementation's "ELF order": license, description, author (one per author),
     * alias (one per pattern), depends, intree, name, vermagic, then parmtype and
     * parm for each parameter from the last declared to the first (a compiler puts
     * .modinfo strings in reverse source order, and modinfo reverses parameters
     * again, so they print in declaration order).
     *
     * @param depends the modules this one needs directly, joined by ',' as modpost writes them
     */
    public List<String[]> info(List<String> depends, Set<String> moduleSymbols) {
        List<String[]> info = new ArrayList<>();
        if (license() != null) {
            info.add(new String[] {"license", license()});
        }
        if (description() != null && !description().isEmpty()) {
            info.add(new String[] {"description", description()});
        }
        authors().forEach(a -> info.add(new String[] {"author", a}));
        aliases().forEach(a -> info.add(new String[] {"alias", a}));
        info.add(new String[] {"depends", String.join(",", depends)});
        if (intree()) {
            info.add(new String[] {"intree", "Y"});
        }
        info.add(new String[] {"name", name()});
        info.add(new String[] {"vermagic", vermagic(moduleSymbols)});
        for (ModuleParam p : params.reversed()) {
            info.add(new String[] {"parmtype", p.name() + ":" + p.type()});
            if (!p.description().isEmpty()) {
                info.add(new String[] {"parm", p.name() + ":" + p.description()});
            }
        }
        return info;
    }
}
