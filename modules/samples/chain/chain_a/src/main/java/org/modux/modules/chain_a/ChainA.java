package org.modux.modules.chain_a;

/** The symbol chain_a exports ({@code EXPORT_SYMBOL(chain_a_depth)}). */
public interface ChainA {

    /** How many modules of the chain this one stands on, itself included. */
    int chainADepth();
}
