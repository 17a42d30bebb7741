package org.modux.kernel.sched.impl;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.modux.kernel.impl.Taints;
import org.modux.kernel.printk.RecordingPrintk;
import org.modux.kernel.sched.Kthread;
import org.modux.kernel.sched.TaskState;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/**
 * kill(2) on a machine of kernel threads, as Linux answers it: a kernel thread
 * takes any valid signal, SIGKILL included, and goes on; ESRCH where nobody is,
 * EINVAL for a signal that does not exist; process groups as kernel threads have
 * them.
 */
@Timeout(60)
class SignalCoreTest {

    private static final int SIGKILL = 9;
    private static final int SIGTERM = 15;

    private final SchedFixture fixture = new SchedFixture(2, new RecordingPrintk(), new Taints());
    private final SignalCore signals = new SignalCore(fixture.core);

    @AfterEach
    void powerDown() {
        fixture.close();
    }

    private Errno errno(int pid, int sig) {
        return assertThrows(ErrnoException.class, () -> signals.kill(pid, sig)).errno();
    }

    @Test
    void kthreaddTakesTermAndKillAndStaysAsItWas() {
        assertDoesNotThrow(() -> signals.kill(2, SIGTERM));
        assertDoesNotThrow(() -> signals.kill(2, SIGKILL));
        assertDoesNotThrow(() -> signals.kill(2, 0));
        assertDoesNotThrow(() -> signals.kill(2, 64));
        assertEquals("kthreadd", fixture.core.findTask(2).orElseThrow().comm());
    }

    @Test
    void aRunningKthreadGoesOnAfterSigkillAndStopsAsAsked() {
        AtomicInteger loops = new AtomicInteger();
        Kthread k = fixture.kthreads.run(() -> {
            while (!fixture.kthreads.shouldStop()) {
                loops.incrementAndGet();
                fixture.core.msleep(1);
            }
            return 3;
        }, "looper");
        int pid = k.task().pid();
        assertDoesNotThrow(() -> signals.kill(pid, SIGKILL));
        int after = loops.get();
        while (loops.get() < after + 3) {
            Thread.onSpinWait();
        }
        assertTrue(k.task().state() != TaskState.DEAD);
        assertEquals(3, k.stop());
    }

    @Test
    void nobodyThereIsEsrchBeforeABadSignalIsEinval() {
        assertEquals(Errno.ESRCH, errno(99999, SIGTERM));
        assertEquals(Errno.ESRCH, errno(99999, 65));
        assertEquals(Errno.EINVAL, errno(2, 65));
        assertEquals(Errno.EINVAL, errno(2, -1));
    }

    @Test
    void processGroupsAreThoseOfKernelThreads() {
        assertEquals(Errno.ESRCH, errno(0, SIGTERM), "the console is in no process group");
        assertEquals(Errno.ESRCH, errno(-2, SIGTERM), "kthreadd leads no process group");
        assertEquals(Errno.ESRCH, errno(Integer.MIN_VALUE, SIGTERM));
        assertDoesNotThrow(() -> signals.kill(-1, SIGKILL));
        assertEquals(Errno.EINVAL, errno(-1, 65));
        Kthread k = fixture.kthreads.run(() -> {
            try {
                signals.kill(0, SIGTERM);
                return 0;
            } catch (ErrnoException e) {
                return -e.errno().number();
            }
        }, "killer");
        assertEquals(0, k.stop(), "a kernel thread's own group is every kernel thread");
        assertEquals("kthreadd", fixture.core.findTask(2).orElseThrow().comm());
    }
}
