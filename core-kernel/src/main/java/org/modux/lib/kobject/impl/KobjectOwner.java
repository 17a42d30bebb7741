package org.modux.lib.kobject.impl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The kobjects one bundle has added and not yet deleted: what Linux cannot know about
 * a module and Modux can, so that what a module leaves behind is removed when it goes
 * ({@link BundleKobjects}). {@link KobjectCore} lists a kobject when it is added and
 * drops it when it is deleted. Guarded by this object's monitor, a leaf lock taken
 * under the kobject lock.
 */
final class KobjectOwner {

    private final Set<KobjectImpl> added = new LinkedHashSet<>();

    synchronized void own(KobjectImpl kobj) {
        added.add(kobj);
    }

    synchronized void forget(KobjectImpl kobj) {
        added.remove(kobj);
    }

    /** What is still added, newest first, so children come before the parents they went under. */
    synchronized List<KobjectImpl> leftovers() {
        return new ArrayList<>(added).reversed();
    }
}
