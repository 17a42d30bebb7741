package org.modux.modules.chain_a.impl;

import org.modux.modules.chain_a.ChainA;
import org.osgi.service.component.annotations.Component;

/**
 * The bottom of the sample dependency chain (chain_a, used by chain_b, used by
 * chain_c, used by chain_top) that depmod records and modprobe loads deepest
 * first: it uses no other module.
 */
@Component(immediate = true)
public final class ChainAImpl implements ChainA {

    @Override
    public int chainADepth() {
        return 1;
    }
}
