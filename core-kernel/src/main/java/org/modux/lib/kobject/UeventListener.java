package org.modux.lib.kobject;

/**
 * Receives every uevent (the kernel end of a NETLINK_KOBJECT_UEVENT socket). Register
 * one as a service; events are delivered in SEQNUM order on the announcing thread.
 */
@FunctionalInterface
public interface UeventListener {

    void uevent(Uevent event);
}
