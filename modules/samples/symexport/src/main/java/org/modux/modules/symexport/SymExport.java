package org.modux.modules.symexport;

/**
 * symexport's ordinary exported symbol ({@code EXPORT_SYMBOL}): any module may use
 * it, whatever its licence.
 */
public interface SymExport {

    /** A greeting from symexport. */
    String symexportHello();
}
