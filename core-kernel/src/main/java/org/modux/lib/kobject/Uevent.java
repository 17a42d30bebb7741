package org.modux.lib.kobject;

import java.util.Map;

/**
 * A uevent as the kernel's netlink socket delivers it to udev: the action, the
 * kobject's path, and the environment (ACTION, DEVPATH, SUBSYSTEM, SEQNUM and any more).
 */
public record Uevent(KobjectAction action, String devpath, Map<String, String> env) {

    /** {@code ACTION@DEVPATH}, the header line of a uevent message. */
    public String header() {
        return action.actionName() + "@" + devpath;
    }
}
