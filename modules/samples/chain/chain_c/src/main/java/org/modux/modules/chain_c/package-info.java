/** chain_c's exported symbol: {@link org.modux.modules.chain_c.ChainC}. */
@Export
@Version("1.0.0")
package org.modux.modules.chain_c;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
