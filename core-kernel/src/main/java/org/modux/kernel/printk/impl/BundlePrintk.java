package org.modux.kernel.printk.impl;

import java.util.Objects;

import org.modux.kernel.printk.Printk;
import org.osgi.framework.Bundle;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * The {@link Printk} service. It is bundle-scoped: every bundle that gets it has an
 * instance of its own, named for it in SLF4J: {@code kernel} for the kernel core
 * itself, {@code module.<name>} for a module, whose name is its {@code Module-Name}
 * header or else the last segment of its symbolic name. All instances write to the
 * one kernel log ({@link KernelLog}).
 */
@Component(service = Printk.class, scope = ServiceScope.BUNDLE)
public final class BundlePrintk extends PrintkLogger {

    static final String MODULE_NAME_HEADER = "Module-Name";

    @Activate
    public BundlePrintk(@Reference(name = "log") KernelLog log, ComponentContext context) {
        super(log, loggerName(context.getUsingBundle(), context.getBundleContext().getBundle()));
    }

    private static String loggerName(Bundle user, Bundle kernel) {
        if (user.equals(kernel)) {
            return "kernel";
        }
        String symbolicName = Objects.requireNonNullElse(user.getSymbolicName(), "bundle" + user.getBundleId());
        return "module." + moduleName(symbolicName, user.getHeaders("").get(MODULE_NAME_HEADER));
    }

    /** The module's name: its {@code Module-Name} header if it has one, else the last segment of its symbolic name. */
    static String moduleName(String symbolicName, String moduleNameHeader) {
        if (moduleNameHeader != null && !moduleNameHeader.isBlank()) {
            return moduleNameHeader.strip();
        }
        return symbolicName.substring(symbolicName.lastIndexOf('.') + 1);
    }
}
