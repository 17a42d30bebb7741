package org.modux.modules.symuser_gpl;

import org.modux.kernel.printk.Printk;
import org.modux.modules.symexport.SymExport;
import org.modux.modules.symexport.gpl.SymExportGpl;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * A GPL module that uses both of symexport's symbols, the ordinary one and the
 * GPL-only one, and says at init what they returned. While it is loaded,
 * symexport is in use by it: /proc/modules shows {@code symexport ... 1 symuser_gpl,}
 * and rmmod symexport fails until symuser_gpl is removed.
 */
@Component(immediate = true)
public final class SymUserGpl {

    private final Printk printk;

    @Activate
    public SymUserGpl(@Reference Printk printk, @Reference SymExport symExport, @Reference SymExportGpl symExportGpl) {
        this.printk = printk;
        printk.prInfo("symuser_gpl: symexportHello() returned \"%s\"", symExport.symexportHello());
        printk.prInfo("symuser_gpl: symexportGplCount() returned %d", symExportGpl.symexportGplCount());
    }

    @Deactivate
    void exit() {
        printk.prInfo("symuser_gpl: exit");
    }
}
