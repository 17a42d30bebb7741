package org.modux.lib.kobject.impl;

import java.util.ArrayList;
import java.util.List;

import org.modux.lib.kobject.Kobject;
import org.modux.lib.kobject.Kset;

/**
 * A kset (Linux: {@code struct kset}, lib/kobject.c): a kobject that lists the
 * kobjects added as its members. Made by {@code kset_create_and_add}, it belongs to
 * no kset itself and has no release of its own. {@link #list} is guarded by
 * {@link KobjectCore}'s kobject lock, which plays {@code kset->list_lock}.
 */
final class KsetImpl extends KobjectImpl implements Kset {

    /** The members, in the order they were added. */
    final List<KobjectImpl> list = new ArrayList<>();

    KsetImpl(KobjectCore core, String name, KobjectOwner owner) {
        super(core, name, null, KobjectCore.NO_RELEASE, owner);
    }

    @Override
    public List<Kobject> members() {
        return core.locked(() -> List.<Kobject>copyOf(list));
    }

    /** {@code kset_find_obj}: a member being released is not found. */
    @Override
    public Kobject find(String name) {
        return core.locked(() -> {
            for (KobjectImpl k : list) {
                if (k.name().equals(name)) {
                    return k.kref().getUnlessZero() ? k : null;
                }
            }
            return null;
        });
    }
}
