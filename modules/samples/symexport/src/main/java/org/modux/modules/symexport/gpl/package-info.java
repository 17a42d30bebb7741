/**
 * symexport's {@code EXPORT_SYMBOL_GPL} API: exported with the attribute
 * {@code kernel.symbol.license=GPL}, which the loader's resolver hook keeps from
 * bundles whose licence is not GPL-compatible.
 */
@Export(attribute = "kernel.symbol.license=GPL")
@Version("1.0.0")
package org.modux.modules.symexport.gpl;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
