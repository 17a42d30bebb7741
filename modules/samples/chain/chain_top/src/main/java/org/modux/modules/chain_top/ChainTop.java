package org.modux.modules.chain_top;

import org.modux.kernel.printk.Printk;
import org.modux.modules.chain_c.ChainC;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The top of the sample dependency chain: it uses chain_c, which uses chain_b,
 * which uses chain_a, so {@code modprobe chain_top} loads four modules, deepest
 * first, and modules.dep lists three dependencies for it. Init says how deep the
 * chain is.
 */
@Component(immediate = true)
public final class ChainTop {

    @Activate
    public ChainTop(@Reference Printk printk, @Reference ChainC chainC) {
        printk.prInfo("chain_top: chain depth %d", chainC.chainCDepth() + 1);
    }
}
