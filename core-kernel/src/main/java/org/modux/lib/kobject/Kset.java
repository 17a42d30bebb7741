package org.modux.lib.kobject;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** A set of kobjects of one kind, itself a kobject (Linux: {@code struct kset}), such as /sys/module. */
@ProviderType
public interface Kset extends Kobject {

    /** The member kobjects, in the order they were added. */
    List<Kobject> members();

    /** {@code kset_find_obj}: the member called {@code name}, with a reference taken, or null. */
    Kobject find(String name);
}
