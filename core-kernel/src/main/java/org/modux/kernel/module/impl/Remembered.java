package org.modux.kernel.module.impl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Predicate;

/**
 * The objects a bundle's instance of a kernel service made for it (timers,
 * tasklets, work items), remembered weakly: one the module dropped goes, one the
 * kernel still holds (pending on a wheel or a list) stays, to be released when the
 * bundle goes. Guarded by this object's monitor.
 */
public final class Remembered<T> {

    private final Set<T> made = Collections.newSetFromMap(new WeakHashMap<>());

    /** Remembers {@code t}; returns it. */
    public synchronized T add(T t) {
        made.add(t);
        return t;
    }

    /**
     * Forgets them all, releasing each with {@code release}, which says whether it
     * was still in use (pending, scheduled); how many were.
     */
    public int releaseAll(Predicate<T> release) {
        List<T> left;
        synchronized (this) {
            left = new ArrayList<>(made);
            made.clear();
        }
        int inUse = 0;
        for (T t : left) {
            if (release.test(t)) {
                inUse++;
            }
        }
        return inUse;
    }
}
