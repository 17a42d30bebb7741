package org.modux.kernel.module.impl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.modux.kernel.module.impl.ModuleFailure.Reason;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Capability;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;
import org.osgi.resource.Resource;

/**
 * The load-time symbol check (Linux: kernel/module/main.c, {@code simplify_symbols}
 * and {@code resolve_symbol}, which fail a load with "Unknown symbol" or
 * "disagrees about version of symbol" before any of the module's code runs). A
 * module's symbols are its mandatory service requirements (bnd writes one per
 * {@code @Reference}) and its package imports; each must be satisfied by something
 * the module may see ({@link SymbolVisibility}). The resolver hook and insmod both
 * ask this class, so every route into the framework meets the same rules.
 */
final class SymbolCheck {

    static final String SERVICE_NAMESPACE = "osgi.service";
    private static final Pattern OBJECT_CLASS = Pattern.compile("objectClass=([^)]+)");
    private static final Pattern LOW = Pattern.compile("\\(version>=([^)]+)\\)");
    private static final Pattern HIGH = Pattern.compile("\\(!\\(version>=([^)]+)\\)\\)");

    private final BundleContext kernel;
    private final FrameworkWiring wiring;
    private final SymbolVisibility visibility;
    private final ModuleTable table;

    SymbolCheck(BundleContext kernel, FrameworkWiring wiring, SymbolVisibility visibility, ModuleTable table) {
        this.kernel = kernel;
        this.wiring = wiring;
        this.visibility = visibility;
        this.table = table;
    }

    /** Every symbol {@code bundle} needs and cannot have, in manifest order; empty if it can load. */
    List<ModuleFailure> check(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        List<ModuleFailure> failures = new ArrayList<>();
        if (revision == null) {
            return failures;
        }
        for (Requirement req : revision.getDeclaredRequirements(PackageNamespace.PACKAGE_NAMESPACE)) {
            if (isMandatory(req) && !PackageNamespace.RESOLUTION_DYNAMIC.equals(req.getDirectives()
                    .get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE))) {
                checkPackage(bundle, req, failures);
            }
        }
        for (BundleRequirement req : revision.getDeclaredRequirements(SERVICE_NAMESPACE)) {
            if (isMandatory(req) && !providesItself(revision, req)) {
                checkService(bundle, req, failures);
            }
        }
        return failures;
    }

    /**
     * Whether the module registers a service meeting {@code req} itself (bnd writes a
     * {@code Provide-Capability: osgi.service} for each): a symbol defined in the
     * module, which Linux resolves within the module and never looks up.
     */
    private static boolean providesItself(BundleRevision revision, BundleRequirement req) {
        for (BundleCapability cap : revision.getDeclaredCapabilities(SERVICE_NAMESPACE)) {
            if (req.matches(cap)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isMandatory(Requirement req) {
        return !Namespace.RESOLUTION_OPTIONAL.equals(req.getDirectives().get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE));
    }

    private void checkService(Bundle bundle, Requirement req, List<ModuleFailure> failures) {
        String filter = req.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE);
        String symbol = symbolOf(filter);
        ServiceReference<?>[] refs;
        try {
            refs = kernel.getAllServiceReferences(null, filter);
        } catch (InvalidSyntaxException e) {
            failures.add(new ModuleFailure(Reason.UNKNOWN_SYMBOL, symbol, null, null));
            return;
        }
        String hiddenOwner = null;
        if (refs != null) {
            for (ServiceReference<?> ref : refs) {
                if (visibility.canSee(bundle, ref)) {
                    return;
                }
                if (SymbolVisibility.isGplOnly(ref)) {
                    hiddenOwner = ownerName(ref.getBundle());
                }
            }
        }
        failures.add(hiddenOwner == null
                ? new ModuleFailure(Reason.UNKNOWN_SYMBOL, symbol, null, null)
                : new ModuleFailure(Reason.GPL_ONLY, symbol, hiddenOwner, null));
    }

    private void checkPackage(Bundle bundle, Requirement req, List<ModuleFailure> failures) {
        String filter = req.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE);
        String pkg = packageOf(req, filter);
        Collection<BundleCapability> exact = wiring.findProviders(req);
        String gplOwner = null;
        for (BundleCapability cap : exact) {
            if (visibility.canWire(bundle, cap)) {
                return;
            }
            gplOwner = ownerName(cap.getRevision().getBundle());
        }
        if (gplOwner != null) {
            failures.add(new ModuleFailure(Reason.GPL_ONLY, pkg, gplOwner, null));
            return;
        }
        Collection<BundleCapability> anyVersion = wiring.findProviders(new PackageRequirement(pkg));
        if (anyVersion.isEmpty()) {
            failures.add(new ModuleFailure(Reason.UNKNOWN_SYMBOL, pkg, null, null));
            return;
        }
        BundleCapability other = anyVersion.iterator().next();
        failures.add(new ModuleFailure(Reason.VERSION_MISMATCH, pkg, ownerName(other.getRevision().getBundle()),
                wantedRange(filter) + ", " + ownerName(other.getRevision().getBundle()) + " exports "
                        + other.getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE)));
    }

    private String ownerName(Bundle owner) {
        return table.forBundle(owner).map(m -> m.name).orElseGet(() -> ModuleName.of(owner));
    }

    /** The symbol a service requirement names: its objectClass. */
    static String symbolOf(String filter) {
        Matcher m = OBJECT_CLASS.matcher(filter == null ? "" : filter);
        return m.find() ? m.group(1) : String.valueOf(filter);
    }

    private static String packageOf(Requirement req, String filter) {
        Matcher m = Pattern.compile("osgi\\.wiring\\.package=([^)]+)").matcher(filter == null ? "" : filter);
        return m.find() ? m.group(1) : String.valueOf(req);
    }

    /** "module wants [1.1.0,2.0.0)" from a bnd import filter. */
    static String wantedRange(String filter) {
        Matcher low = LOW.matcher(filter);
        Matcher high = HIGH.matcher(filter);
        String from = low.find() ? low.group(1) : "0.0.0";
        return high.find() ? "module wants [" + from + "," + high.group(1) + ")" : "module wants " + from;
    }

    /** A requirement for any version of a package, to find who exports it at all. */
    private record PackageRequirement(String pkg) implements Requirement {
        @Override
        public String getNamespace() {
            return PackageNamespace.PACKAGE_NAMESPACE;
        }

        @Override
        public Map<String, String> getDirectives() {
            return Map.of(Namespace.REQUIREMENT_FILTER_DIRECTIVE, "(" + PackageNamespace.PACKAGE_NAMESPACE + "=" + pkg + ")");
        }

        @Override
        public Map<String, Object> getAttributes() {
            return Map.of();
        }

        @Override
        public Resource getResource() {
            return null;
        }
    }
}
