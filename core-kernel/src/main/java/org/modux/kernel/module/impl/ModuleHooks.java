package org.modux.kernel.module.impl;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.modux.kernel.module.ModuleHeaders;
import org.modux.kernel.printk.Printk;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.hooks.resolver.ResolverHook;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.framework.hooks.service.FindHook;
import org.osgi.framework.hooks.service.ListenerHook.ListenerInfo;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The module rules, enforced inside the framework so that no route around insmod
 * escapes them (a bundle installed with Gogo's {@code install}, the framework API
 * or a file picked up from a folder meets the same checks):
 * <ul>
 * <li>a find hook and an event listener hook keep GPL-only symbols from bundles
 * whose licence is not GPL-compatible, and a module's services from everyone else
 * while it is going away;</li>
 * <li>a resolver hook keeps such bundles from wiring to GPL-only API packages, and
 * refuses to resolve a module whose symbols are missing (before any of its code
 * can run) or whose name is already taken, saying so in the kernel log as Linux's
 * loader does.</li>
 * </ul>
 */
@Component(service = {FindHook.class, EventListenerHook.class, ResolverHookFactory.class}, immediate = true)
public final class ModuleHooks implements FindHook, EventListenerHook, ResolverHookFactory {

    private final ModuleCore core;
    private final Printk log;

    @Activate
    public ModuleHooks(@Reference ModuleCore core, @Reference Printk printk) {
        this.core = core;
        this.log = printk.subsystem("module");
    }

    @Override
    public void find(BundleContext context, String name, String filter, boolean allServices,
            Collection<ServiceReference<?>> references) {
        Bundle user = context.getBundle();
        references.removeIf(ref -> !core.visibility.canSee(user, ref));
    }

    @Override
    public void event(ServiceEvent event, Map<BundleContext, Collection<ListenerInfo>> listeners) {
        ServiceReference<?> ref = event.getServiceReference();
        if (event.getType() == ServiceEvent.UNREGISTERING) {
            // Whoever may know of a symbol hears that it goes, even from a module going away.
            listeners.keySet().removeIf(context -> !core.visibility.mayKnow(context.getBundle(), ref));
            return;
        }
        listeners.keySet().removeIf(context -> !core.visibility.canSee(context.getBundle(), ref));
    }

    @Override
    public ResolverHook begin(Collection<BundleRevision> triggers) {
        return new ModuleResolverHook(new HashSet<>(triggers));
    }

    /** Whether {@code bundle} is a kernel module: it has a {@code Module-Name}. */
    static boolean isModule(Bundle bundle) {
        return Manifests.header(bundle, ModuleHeaders.MODULE_NAME) != null;
    }

    /**
     * One resolve operation. A module that must be refused gets no candidates for
     * any of its requirements, so it cannot resolve; removing it in
     * {@code filterResolvable} instead would make Felix 7 hide every resolved
     * bundle as a provider for the rest of the operation. Each module is checked
     * once per operation, and reported only if the operation was started for it.
     */
    private final class ModuleResolverHook implements ResolverHook {

        private final Set<BundleRevision> triggers;
        private final Map<BundleRevision, Boolean> refused = new HashMap<>();

        ModuleResolverHook(Set<BundleRevision> triggers) {
            this.triggers = triggers;
        }

        @Override
        public void filterResolvable(Collection<BundleRevision> candidates) {
            // Refusals go through filterMatches; see the class comment.
        }

        @Override
        public void filterSingletonCollisions(BundleCapability singleton, Collection<BundleCapability> candidates) {
            // The framework's own singleton rule is the one modules follow.
        }

        @Override
        public void filterMatches(BundleRequirement requirement, Collection<BundleCapability> candidates) {
            BundleRevision revision = requirement.getRevision();
            Bundle user = revision.getBundle();
            if (!core.symbolsChecked.contains(user.getBundleId()) && isModule(user)
                    && refused.computeIfAbsent(revision, r -> refuse(user, triggers.contains(r)))) {
                candidates.clear();
                return;
            }
            if (PackageNamespace.PACKAGE_NAMESPACE.equals(requirement.getNamespace())) {
                candidates.removeIf(cap -> !core.visibility.canWire(user, cap));
            }
        }

        private boolean refuse(Bundle bundle, boolean report) {
            String name = ModuleTable.normalize(ModuleName.of(bundle));
            KModule loaded = core.table.find(name).orElse(null);
            if (loaded != null && !loaded.bundle.equals(bundle)) {
                if (report) {
                    log.prErr("%s: module is already loaded", name);
                }
                return true;
            }
            List<ModuleFailure> failures = core.symbols.check(bundle);
            if (report) {
                core.report(log, name, failures);
            }
            return !failures.isEmpty();
        }

        @Override
        public void end() {
            // Nothing is held across a resolve operation.
        }
    }
}
