package org.modux.modules.symuser_prop;

import org.modux.kernel.printk.Printk;
import org.modux.modules.symexport.SymExport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A proprietary module ({@code Bundle-License: Proprietary}, Linux's
 * {@code MODULE_LICENSE("Proprietary")}) that uses only symexport's ordinary
 * symbol: it loads, and taints the kernel P ("symuser_prop: module license
 * 'Proprietary' taints kernel.").
 */
@Component(immediate = true)
public final class SymUserProp {

    @Activate
    public SymUserProp(@Reference Printk printk, @Reference SymExport symExport) {
        printk.prInfo("symuser_prop: symexportHello() returned \"%s\"", symExport.symexportHello());
    }
}
