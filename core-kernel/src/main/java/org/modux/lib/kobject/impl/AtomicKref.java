package org.modux.lib.kobject.impl;

import java.util.concurrent.atomic.AtomicInteger;

import org.modux.lib.kobject.Kref;

/**
 * A kref (Linux: include/linux/kref.h over {@code refcount_t}): the count starts at 1,
 * and the put that takes it to zero runs the release, once, on the putting thread.
 * What {@code refcount_t} warns about, taking a reference on a released object or
 * putting more than was taken, is a bug in the caller: IllegalStateException with
 * Linux's words. Lock-free: the count is an atomic, changed by compare-and-set so it
 * never leaves zero once there.
 */
public final class AtomicKref implements Kref {

    private final AtomicInteger refcount = new AtomicInteger(1);
    private final Runnable release;

    public AtomicKref(Runnable release) {
        this.release = release;
    }

    @Override
    public void get() {
        if (!getUnlessZero()) {
            throw new IllegalStateException("refcount_t: addition on 0; use-after-free.");
        }
    }

    @Override
    public boolean getUnlessZero() {
        int count;
        do {
            count = refcount.get();
            if (count == 0) {
                return false;
            }
        } while (!refcount.compareAndSet(count, count + 1));
        return true;
    }

    @Override
    public boolean put() {
        int count;
        do {
            count = refcount.get();
            if (count == 0) {
                throw new IllegalStateException("refcount_t: underflow; use-after-free.");
            }
        } while (!refcount.compareAndSet(count, count - 1));
        if (count > 1) {
            return false;
        }
        release.run();
        return true;
    }

    @Override
    public int read() {
        return refcount.get();
    }
}
