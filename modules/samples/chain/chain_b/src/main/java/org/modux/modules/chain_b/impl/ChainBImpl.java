package org.modux.modules.chain_b.impl;

import org.modux.modules.chain_b.ChainB;
import org.modux.modules.chain_a.ChainA;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** A link of the sample dependency chain: uses chain_a's symbol and exports its own on top of it. */
@Component(immediate = true)
public final class ChainBImpl implements ChainB {

    private final ChainA below;

    @Activate
    public ChainBImpl(@Reference ChainA below) {
        this.below = below;
    }

    @Override
    public int chainBDepth() {
        return below.chainADepth() + 1;
    }
}
