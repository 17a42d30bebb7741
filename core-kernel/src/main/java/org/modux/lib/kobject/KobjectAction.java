package org.modux.lib.kobject;

import java.util.Locale;

/** uevent actions (Linux: {@code enum kobject_action}); the lower-case name is the ACTION value. */
public enum KobjectAction {
    ADD, REMOVE, CHANGE, MOVE, ONLINE, OFFLINE, BIND, UNBIND;

    /** The {@code ACTION=} string: {@code add}, {@code remove} ... */
    public String actionName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
