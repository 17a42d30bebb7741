package org.modux.modules.chain_c.impl;

import org.modux.modules.chain_c.ChainC;
import org.modux.modules.chain_b.ChainB;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** A link of the sample dependency chain: uses chain_b's symbol and exports its own on top of it. */
@Component(immediate = true)
public final class ChainCImpl implements ChainC {

    private final ChainB below;

    @Activate
    public ChainCImpl(@Reference ChainB below) {
        this.below = below;
    }

    @Override
    public int chainCDepth() {
        return below.chainBDepth() + 1;
    }
}
