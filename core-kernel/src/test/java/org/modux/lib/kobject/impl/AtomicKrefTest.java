package org.modux.lib.kobject.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class AtomicKrefTest {

    private final AtomicInteger released = new AtomicInteger();
    private final AtomicKref kref = new AtomicKref(released::incrementAndGet);

    @Test
    void startsAtOneAndReleasesOnceAtZero() {
        assertEquals(1, kref.read());
        kref.get();
        assertFalse(kref.put());
        assertEquals(0, released.get());
        assertTrue(kref.put());
        assertEquals(1, released.get());
        assertEquals(0, kref.read());
    }

    @Test
    void aReleasedObjectCannotBeTakenOrPutAgain() {
        kref.put();

        assertFalse(kref.getUnlessZero());
        assertEquals("refcount_t: addition on 0; use-after-free.",
                assertThrows(IllegalStateException.class, kref::get).getMessage());
        assertEquals("refcount_t: underflow; use-after-free.",
                assertThrows(IllegalStateException.class, kref::put).getMessage());
        assertEquals(1, released.get());
        assertEquals(0, kref.read());
    }

    @Test
    void racingGetsAndPutsReleaseExactlyOnce() throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 10_000; i++) {
                    kref.get();
                    kref.put();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(0, released.get());
        assertTrue(kref.put());
        assertEquals(1, released.get());
    }
}
