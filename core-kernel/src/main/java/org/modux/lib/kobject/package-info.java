/**
 * kobjects, ksets and krefs (Linux: include/linux/kobject.h, kref.h): the reference-counted objects whose hierarchy sysfs shows, with attributes and uevents.
 */
@Export
@Version("1.1.0")
package org.modux.lib.kobject;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
