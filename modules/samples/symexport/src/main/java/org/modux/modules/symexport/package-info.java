/**
 * symexport's {@code EXPORT_SYMBOL} API: an ordinary exported package, which any
 * module may import.
 */
@Export
@Version("1.0.0")
package org.modux.modules.symexport;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
