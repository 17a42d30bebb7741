package org.modux.modules.symexport.impl;

import org.modux.modules.symexport.SymExport;
import org.osgi.service.component.annotations.Component;

/** {@code EXPORT_SYMBOL(symexport_hello)}: registering the service exports the symbol. */
@Component(immediate = true)
public final class SymExportImpl implements SymExport {

    @Override
    public String symexportHello() {
        return "Hello from symexport";
    }
}
