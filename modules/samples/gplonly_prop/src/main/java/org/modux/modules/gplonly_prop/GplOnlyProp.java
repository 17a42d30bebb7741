package org.modux.modules.gplonly_prop;

import org.modux.kernel.printk.Printk;
import org.modux.modules.symexport.gpl.SymExportGpl;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A proprietary module that uses symexport's GPL-only symbol: it imports the
 * GPL-only package and references the GPL-only service, and the loader refuses it
 * before any of its code runs, logging "Unknown symbol" for both (err -2); insmod
 * fails with ENOENT. This constructor never runs.
 */
@Component(immediate = true)
public final class GplOnlyProp {

    @Activate
    public GplOnlyProp(@Reference Printk printk, @Reference SymExportGpl symExportGpl) {
        printk.prInfo("gplonly_prop: symexportGplCount() returned %d", symExportGpl.symexportGplCount());
    }
}
