package org.modux.kernel.module.impl;

import java.util.Collections;
import java.util.Dictionary;
import java.util.Map;
import java.util.WeakHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleRevision;

/**
 * A bundle's raw manifest headers, read once per bundle revision. The framework
 * copies every header into a new map on each {@code Bundle.getHeaders} call, and
 * the hooks and the lifecycle listener ask about a module's headers on every event
 * and every requirement; a revision's headers never change, and the entry goes with
 * the revision.
 */
final class Manifests {

    private static final Map<BundleRevision, Dictionary<String, String>> HEADERS =
            Collections.synchronizedMap(new WeakHashMap<>());

    private Manifests() {
    }

    /** The value of the raw (unlocalized) header {@code name} of {@code bundle}, or null. */
    static String header(Bundle bundle, String name) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return bundle.getHeaders("").get(name);
        }
        return HEADERS.computeIfAbsent(revision, r -> bundle.getHeaders("")).get(name);
    }

    /** Drops the headers of an uninstalled bundle now rather than at the next collection. */
    static void forget(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision != null) {
            HEADERS.remove(revision);
        }
    }
}
