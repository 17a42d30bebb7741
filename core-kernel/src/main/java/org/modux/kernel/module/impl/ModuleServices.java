package org.modux.kernel.module.impl;

import org.modux.kernel.impl.Taints;
import org.modux.kernel.printk.Printk;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * Services a going module left registered. When a bundle stops, Declarative
 * Services first takes its components down (their services with them, and whatever
 * their exit unregisters itself), then the framework unregisters what the bundle
 * still has. A module's service unregistered in that second step, one no component
 * manages, was left behind by the module: the framework removes it, and the kernel
 * log names the module and the service (taint W), as for its /proc entries. SCR
 * keeps a bundle's component descriptions until the last of its components is
 * down, so while any are listed the unregistration may be a component's own.
 */
@Component(service = {})
public final class ModuleServices implements ServiceListener {

    /** The property Declarative Services gives each service of a component. */
    private static final String COMPONENT_NAME = "component.name";
    private static final String MANAGED_SERVICE = "org.osgi.service.cm.ManagedService";

    private final ModuleCore core;
    private final ServiceComponentRuntime scr;
    private final Taints taints;
    private final Printk log;
    private final BundleContext context;

    @Activate
    public ModuleServices(@Reference ModuleCore core, @Reference ServiceComponentRuntime scr,
            @Reference Taints taints, @Reference Printk printk, BundleContext context) {
        this.core = core;
        this.scr = scr;
        this.taints = taints;
        this.log = printk.subsystem("module");
        this.context = context;
        context.addServiceListener(this);
    }

    @Deactivate
    void deactivate() {
        context.removeServiceListener(this);
    }

    @Override
    public void serviceChanged(ServiceEvent event) {
        if (event.getType() != ServiceEvent.UNREGISTERING) {
            return;
        }
        ServiceReference<?> ref = event.getServiceReference();
        Bundle owner = ref.getBundle();
        if (owner == null || owner.getState() != Bundle.STOPPING || ref.getProperty(COMPONENT_NAME) != null
                || isScrLookup(ref) || core.table.forBundle(owner).isEmpty()
                || !scr.getComponentDescriptionDTOs(owner).isEmpty()) {
            return;
        }
        taints.warn(log, "module: %s left service %s registered, unregistering", ModuleName.of(owner),
                String.join(", ", (String[]) ref.getProperty(Constants.OBJECTCLASS)));
    }

    /**
     * Felix SCR registers a {@code ManagedService} without a {@code service.pid} in the
     * name of each bundle with configurable components, only to look up that bundle's
     * configurations (RegionConfigurationSupport), and leaves it for the framework to
     * remove: SCR's, not the module's.
     */
    private static boolean isScrLookup(ServiceReference<?> ref) {
        String[] classes = (String[]) ref.getProperty(Constants.OBJECTCLASS);
        return classes.length == 1 && MANAGED_SERVICE.equals(classes[0])
                && ref.getProperty(Constants.SERVICE_PID) == null;
    }
}
