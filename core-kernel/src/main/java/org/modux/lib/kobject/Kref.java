package org.modux.lib.kobject;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A reference count with a release action (Linux: include/linux/kref.h). The count
 * starts at 1; the put that drops it to zero runs the release, exactly once.
 */
@ProviderType
public interface Kref {

    /** {@code kref_get}: takes a reference; IllegalStateException if the count already reached zero. */
    void get();

    /** {@code kref_get_unless_zero}: takes a reference unless the object is being released. */
    boolean getUnlessZero();

    /** {@code kref_put}: drops a reference; true if this put released the object. */
    boolean put();

    /** {@code kref_read}: the current count. */
    int read();
}
