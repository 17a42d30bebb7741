package org.modux.kernel.module.impl;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The module subsystem's shared state, one per kernel: the module list, the
 * symbol rules and the module address area. The loader, the framework hooks and
 * the /proc files all work on this one instance.
 */
@Component(service = ModuleCore.class)
public final class ModuleCore {

    final ModuleTable table = new ModuleTable();
    final SymbolVisibility visibility = new SymbolVisibility(table);
    final ModuleArea area = new ModuleArea();
    /** Bundles whose symbols init_module has just checked, so the resolver hook need not again. */
    final Set<Long> symbolsChecked = ConcurrentHashMap.newKeySet();
    final SymbolCheck symbols;
    final FrameworkWiring wiring;
    final BundleContext context;

    @Activate
    public ModuleCore(BundleContext context) {
        this.context = context;
        this.wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        this.symbols = new SymbolCheck(context, wiring, visibility, table);
    }
}
