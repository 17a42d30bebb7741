package org.modux.modules.chain_b;

/** The symbol chain_b exports ({@code EXPORT_SYMBOL(chain_b_depth)}). */
public interface ChainB {

    /** How many modules of the chain this one stands on, itself included. */
    int chainBDepth();
}
