package org.modux.modules.chain_c;

/** The symbol chain_c exports ({@code EXPORT_SYMBOL(chain_c_depth)}). */
public interface ChainC {

    /** How many modules of the chain this one stands on, itself included. */
    int chainCDepth();
}
