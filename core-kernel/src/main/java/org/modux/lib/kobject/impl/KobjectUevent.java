package org.modux.lib.kobject.impl;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

import org.modux.kernel.printk.Printk;
import org.modux.lib.kobject.KobjectAction;
import org.modux.lib.kobject.Uevent;
import org.modux.lib.kobject.UeventListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * uevents (Linux: lib/kobject_uevent.c): builds the environment, {@code ACTION},
 * {@code DEVPATH}, {@code SUBSYSTEM}, the caller's {@code KEY=value} entries and
 * {@code SEQNUM}, and delivers it to every {@link UeventListener} service, which
 * stand for the listeners on the {@code NETLINK_KOBJECT_UEVENT} socket (udev).
 * SEQNUM counts the uevents sent since boot; /sys/kernel/uevent_seqnum shows the last.
 *
 * <p>Delivery is on the sending thread, in SEQNUM order: the number is taken and the
 * event delivered under {@code ueventSockMutex}, as Linux holds
 * {@code uevent_sock_mutex}, so every listener sees two threads' events in the order
 * of their numbers. A listener that sends a uevent itself has it queued behind the
 * one being delivered. Listeners must not block; one that throws is reported in the
 * kernel log and the others still get the event.
 *
 * <p>Locking: {@code ueventSockMutex} guards {@link #seqnum} (also read without it,
 * being volatile) and the queue; the listener list is copy-on-write. Callers hold no
 * kobject lock.
 */
@Component(service = KobjectUevent.class)
public final class KobjectUevent {

    private final ReentrantLock ueventSockMutex = new ReentrantLock();
    private final Deque<Uevent> queue = new ArrayDeque<>();
    private final List<UeventListener> listeners = new CopyOnWriteArrayList<>();
    private final Printk log;
    private volatile long seqnum;

    @Activate
    public KobjectUevent(@Reference Printk printk) {
        this.log = printk.subsystem("kobject");
    }

    /** A listener joins: it gets every uevent sent from now on. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addUeventListener(UeventListener listener) {
        listeners.add(listener);
    }

    void removeUeventListener(UeventListener listener) {
        listeners.remove(listener);
    }

    /** {@code uevent_seqnum}: the SEQNUM of the last uevent sent, 0 before the first. */
    long seqnum() {
        return seqnum;
    }

    /**
     * Sends one uevent. {@code env} entries are {@code KEY=value}; one without a key
     * is a caller's bug (IllegalArgumentException).
     */
    void broadcast(KobjectAction action, String devpath, String subsystem, String... env) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("ACTION", action.actionName());
        vars.put("DEVPATH", devpath);
        vars.put("SUBSYSTEM", subsystem);
        for (String var : env) {
            addUeventVar(vars, var);
        }
        ueventSockMutex.lock();
        try {
            seqnum++;
            vars.put("SEQNUM", Long.toString(seqnum));
            queue.add(new Uevent(action, devpath, Collections.unmodifiableMap(vars)));
            if (ueventSockMutex.getHoldCount() == 1) {
                deliverQueuedLocked();
            }
        } finally {
            ueventSockMutex.unlock();
        }
    }

    private static void addUeventVar(Map<String, String> vars, String var) {
        int eq = var.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("uevent variable is not KEY=value: " + var);
        }
        vars.put(var.substring(0, eq), var.substring(eq + 1));
    }

    /** Delivers queued events in order, including those listeners send meanwhile. */
    private void deliverQueuedLocked() {
        for (Uevent event; (event = queue.poll()) != null; ) {
            for (UeventListener listener : listeners) {
                try {
                    listener.uevent(event);
                } catch (RuntimeException e) {
                    log.prErr("kobject_uevent: listener %s failed on %s: %s", listener.getClass().getName(),
                            event.header(), e);
                }
            }
        }
    }
}
