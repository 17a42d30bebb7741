/** chain_a's exported symbol: {@link org.modux.modules.chain_a.ChainA}. */
@Export
@Version("1.0.0")
package org.modux.modules.chain_a;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
