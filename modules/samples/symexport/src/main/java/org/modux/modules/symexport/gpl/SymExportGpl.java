package org.modux.modules.symexport.gpl;

/**
 * symexport's GPL-only exported symbol ({@code EXPORT_SYMBOL_GPL}): the service
 * carries {@code kernel.symbol.license=GPL}, so a module whose licence is not
 * GPL-compatible cannot find it, and its package cannot be wired to one.
 */
public interface SymExportGpl {

    /** How many times this symbol has been called, this call included. */
    int symexportGplCount();
}
