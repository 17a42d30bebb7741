package org.modux.modules.symexport.impl;

import java.util.concurrent.atomic.AtomicInteger;

import org.modux.kernel.module.ModuleHeaders;
import org.modux.modules.symexport.gpl.SymExportGpl;
import org.osgi.service.component.annotations.Component;

/**
 * {@code EXPORT_SYMBOL_GPL(symexport_gpl_count)}: the service property
 * {@code kernel.symbol.license=GPL} makes it GPL-only.
 */
@Component(immediate = true, property = ModuleHeaders.SYMBOL_LICENSE + "=" + ModuleHeaders.GPL)
public final class SymExportGplImpl implements SymExportGpl {

    private final AtomicInteger calls = new AtomicInteger();

    @Override
    public int symexportGplCount() {
        return calls.incrementAndGet();
    }
}
