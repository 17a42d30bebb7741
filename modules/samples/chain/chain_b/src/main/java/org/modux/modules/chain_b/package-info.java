/** chain_b's exported symbol: {@link org.modux.modules.chain_b.ChainB}. */
@Export
@Version("1.0.0")
package org.modux.modules.chain_b;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
