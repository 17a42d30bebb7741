package org.modux.kernel.module.impl;

import java.util.ArrayList;
import java.util.List;

import org.modux.uapi.Errno;
import org.osgi.service.cm.Configuration;

/**
 * What init_module knows about a load before the module's bundle starts: where it
 * came from, its parameters, whether it is forced, and the configurations made
 * for it. The lifecycle listener picks it up when the bundle starts; a bundle
 * started by any other route has none and gets the defaults.
 */
final class LoadRequest {

    final String path;
    final ModuleParams params;
    final boolean forced;
    final List<Configuration> configurations = new ArrayList<>();
    /** The module's size, when its image gave it ({@link ModuleImage#UNKNOWN} otherwise). */
    long size = ModuleImage.UNKNOWN;
    /** Why the listener could not set the module up when its bundle started, if it could not. */
    volatile Errno refused;

    LoadRequest(String path, ModuleParams params, boolean forced) {
        this.path = path;
        this.params = params;
        this.forced = forced;
    }
}
