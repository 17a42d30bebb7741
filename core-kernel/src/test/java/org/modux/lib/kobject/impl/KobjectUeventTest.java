package org.modux.lib.kobject.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.modux.fs.sysfs.impl.SysfsFiles.cat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.modux.fs.FileMode;
import org.modux.fs.sysfs.impl.SysfsFiles;
import org.modux.kernel.printk.LogLevel;
import org.modux.lib.kobject.Kobject;
import org.modux.lib.kobject.KobjectAction;
import org.modux.lib.kobject.Kobjects;
import org.modux.lib.kobject.Uevent;
import org.modux.lib.kobject.UeventListener;
import org.modux.uapi.ErrnoException;

class KobjectUeventTest {

    private final KobjectFixture k = new KobjectFixture();
    private final Kobjects kobjects = k.kobjects("hello");
    private final List<Uevent> events = new CopyOnWriteArrayList<>();
    private final UeventListener udev = events::add;

    KobjectUeventTest() {
        k.uevent.addUeventListener(udev);
    }

    private Kobject hello() throws ErrnoException {
        return kobjects.add("hello", null, kobjects.moduleKset(), () -> { });
    }

    @Test
    void theEnvironmentCarriesActionDevpathSubsystemExtrasAndSeqnum() throws ErrnoException {
        Kobject hello = hello();

        hello.uevent(KobjectAction.ADD, "MODALIAS=platform:hello", "TAINT=O");

        Uevent e = events.get(0);
        assertEquals("add@/module/hello", e.header());
        assertEquals(KobjectAction.ADD, e.action());
        assertEquals("/module/hello", e.devpath());
        assertEquals(List.of(Map.entry("ACTION", "add"), Map.entry("DEVPATH", "/module/hello"),
                Map.entry("SUBSYSTEM", "module"), Map.entry("MODALIAS", "platform:hello"), Map.entry("TAINT", "O"),
                Map.entry("SEQNUM", "1")), List.copyOf(e.env().entrySet()));
        assertThrows(UnsupportedOperationException.class, () -> e.env().put("X", "y"));
        assertThrows(IllegalArgumentException.class, () -> hello.uevent(KobjectAction.CHANGE, "=nokey"));
    }

    @Test
    void theSubsystemIsTheNearestKsetAbove() throws ErrnoException {
        Kobject holders = kobjects.createAndAdd("holders", hello());

        holders.uevent(KobjectAction.CHANGE);

        assertEquals("change@/module/hello/holders", events.get(0).header());
        assertEquals("module", events.get(0).env().get("SUBSYSTEM"));
    }

    @Test
    void withoutAKsetNothingIsSentAndNoSeqnumUsed() throws ErrnoException {
        kobjects.kernelKobj().uevent(KobjectAction.CHANGE);
        kobjects.createAndAdd("loner", null).uevent(KobjectAction.ADD);
        hello().uevent(KobjectAction.ADD);

        assertEquals(1, events.size());
        assertEquals("1", events.get(0).env().get("SEQNUM"));
        assertEquals(List.of(), k.printk.at(LogLevel.DEBUG));
    }

    @Test
    void addAndDelSendNothingByThemselvesButAKsetAnnouncesItself() throws ErrnoException {
        Kobject hello = hello();
        hello.del();
        assertEquals(List.of(), events);

        Kobject again = hello();
        kobjects.ksetCreateAndAdd("drivers", again);
        assertEquals(List.of("add@/module/hello/drivers"), events.stream().map(Uevent::header).toList());
    }

    @Test
    void deletingSendsTheRemoveTheCallerForgotWhileThePathIsWhole() throws ErrnoException {
        Kobject hello = hello();
        hello.uevent(KobjectAction.ADD);
        hello.del();
        Kobject bye = kobjects.add("bye", null, kobjects.moduleKset(), () -> { });
        bye.uevent(KobjectAction.ADD);
        bye.put();

        assertEquals(List.of("add@/module/hello", "remove@/module/hello", "add@/module/bye", "remove@/module/bye"),
                events.stream().map(Uevent::header).toList());
        events.clear();

        Kobject tidy = kobjects.add("tidy", null, kobjects.moduleKset(), () -> { });
        tidy.uevent(KobjectAction.ADD);
        tidy.uevent(KobjectAction.REMOVE);
        tidy.del();
        tidy.put();
        assertEquals(List.of("add@/module/tidy", "remove@/module/tidy"), events.stream().map(Uevent::header).toList());
    }

    @Test
    void everyListenerSeesConcurrentEventsInSeqnumOrder() throws Exception {
        Kobject hello = hello();
        List<Long> second = new CopyOnWriteArrayList<>();
        k.uevent.addUeventListener(e -> second.add(Long.parseLong(e.env().get("SEQNUM"))));
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            senders.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 500; i++) {
                    hello.uevent(KobjectAction.CHANGE);
                }
            }));
        }
        for (Thread t : senders) {
            t.join();
        }

        List<Long> first = events.stream().map(e -> Long.parseLong(e.env().get("SEQNUM"))).toList();
        List<Long> expected = LongStream.rangeClosed(1, 2000).boxed().toList();
        assertEquals(expected, first);
        assertEquals(expected, second);
    }

    @Test
    void anEventSentFromAListenerWaitsForTheOneBeingDelivered() throws ErrnoException {
        Kobject hello = hello();
        List<String> late = new ArrayList<>();
        k.uevent.addUeventListener(e -> {
            if (e.action() == KobjectAction.ADD) {
                hello.uevent(KobjectAction.ONLINE);
            }
        });
        k.uevent.addUeventListener(e -> late.add(e.env().get("SEQNUM")));

        hello.uevent(KobjectAction.ADD);

        assertEquals(List.of("1", "2"), late);
        assertEquals(List.of("add", "online"), events.stream().map(e -> e.env().get("ACTION")).toList());
    }

    @Test
    void aFailingListenerIsReportedAndTheOthersStillHear() throws ErrnoException {
        k.uevent.removeUeventListener(udev);
        k.uevent.addUeventListener(e -> {
            throw new IllegalStateException("udev crashed");
        });
        k.uevent.addUeventListener(udev);

        hello().uevent(KobjectAction.ADD);

        assertEquals(1, events.size());
        assertEquals(1, k.printk.at(LogLevel.ERR).size());
        k.uevent.removeUeventListener(udev);
        kobjects.moduleKset().find("hello").uevent(KobjectAction.CHANGE);
        assertEquals(1, events.size());
    }

    @Test
    void ueventSeqnumShowsTheLastSeqnum() throws ErrnoException {
        assertEquals("0\n", cat(k.sys, "kernel/uevent_seqnum"));
        assertEquals(FileMode.S_IFREG | 0444, SysfsFiles.walk(k.sys, "kernel/uevent_seqnum").mode());
        Kobject hello = hello();
        hello.uevent(KobjectAction.ADD);
        hello.uevent(KobjectAction.CHANGE);

        assertEquals("2\n", cat(k.sys, "kernel/uevent_seqnum"));
    }
}
