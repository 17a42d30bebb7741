package org.modux.kernel.module.impl;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.modux.fs.Vfs;
import org.modux.kernel.printk.Printk;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

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

    private final Vfs vfs;

    @Activate
    public ModuleCore(BundleContext context, @Reference Vfs vfs) {
        this.context = context;
        this.wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        this.symbols = new SymbolCheck(context, wiring, visibility, table);
        this.vfs = vfs;
    }

    /**
     * Logs why module {@code name} cannot load, a line per symbol, and for a symbol
     * another module in the tree exports, which one and the modprobe that loads it.
     */
    void report(Printk log, String name, List<ModuleFailure> failures) {
        SymbolIndex index = new SymbolIndex(vfs, Manifests.header(context.getBundle(), "Modux-Release"));
        for (ModuleFailure f : failures) {
            log.prErr("%s: %s", name, f.logLine());
            if (f.reason() == ModuleFailure.Reason.UNKNOWN_SYMBOL) {
                index.exporter(f.symbol()).filter(m -> table.find(m).isEmpty()).ifPresent(m -> log.prErr(
                        "%s: %s is exported by module %s, which is not loaded: modprobe %s", name, f.symbol(), m, m));
            }
        }
    }
}
