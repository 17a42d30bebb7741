package org.modux.kernel.locking.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.modux.hw.Cpu;
import org.modux.kernel.Taint;
import org.modux.kernel.locking.Mutex;
import org.modux.kernel.locking.Rcu;
import org.modux.kernel.locking.Semaphore;
import org.modux.kernel.locking.Seqlock;
import org.modux.kernel.locking.Spinlock;
import org.modux.kernel.sched.Kthread;
import org.modux.kernel.sched.TaskState;
import org.modux.kernel.sched.impl.SmpKernel;
import org.modux.kernel.softirq.SoftirqVector;
import org.modux.kernel.softirq.impl.SoftirqCore;
import org.modux.uapi.Errno;

/** The kernel's locks on a running two-CPU kernel, and the debug checks Linux makes of them. */
@Timeout(60)
class LockingCoreTest {

    private final SmpKernel k = new SmpKernel(2);
    private final SoftirqCore softirqs = new SoftirqCore(k.core, k.kthreads, k.log);
    private final LockingCore locking = new LockingCore(k.core, softirqs, k.kthreads, k.log, k.taints, "0.1.0-modux");

    @AfterEach
    void powerDown() {
        locking.deactivate();
        softirqs.deactivate();
        k.close();
    }

    private Kthread onCpu(int cpu, String name, IntSupplier body) {
        Kthread t = k.kthreads.createOnCpu(body, cpu, name);
        t.wakeUp();
        return t;
    }

    private Kthread onCpu(int cpu, String name, Runnable body) {
        return onCpu(cpu, name, () -> {
            body.run();
            return 0;
        });
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out: " + what);
            Thread.sleep(2);
        }
    }

    private boolean logged(String line) {
        return k.log.lines().stream().anyMatch(l -> l.contains(line));
    }

    private static void spinFor(long ns) {
        long end = System.nanoTime() + ns;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    @Test
    void aSpinlockExcludesTheOtherCpu() {
        Spinlock lock = locking.spinLockInit("counter_lock");
        long[] counter = new long[1];
        Runnable add = () -> {
            for (int i = 0; i < 100_000; i++) {
                lock.lock();
                counter[0]++;
                lock.unlock();
                k.core.condResched();
            }
        };
        Kthread a = onCpu(0, "adder/0", add);
        Kthread b = onCpu(1, "adder/1", add);
        a.stop();
        b.stop();
        assertEquals(200_000, counter[0]);
        assertFalse(lock.isLocked());
        assertTrue(k.log.lines().isEmpty(), k.log.lines()::toString);
    }

    @Test
    void sleepingUnderASpinlockIsReported() {
        Spinlock lock = locking.spinLockInit("test_lock");
        AtomicInteger pid = new AtomicInteger();
        onCpu(1, "sleeper", () -> {
            pid.set(k.core.currentOrNull().pid());
            lock.lock();
            k.core.msleep(1);
            lock.unlock();
        }).stop();
        List<String> lines = k.log.lines();
        String text = String.join("\n", lines);
        assertTrue(text.contains("err: BUG: sleeping function called from invalid context at org/modux/kernel/sched/impl/SchedCore.java:"), text);
        assertTrue(lines.contains("err: in_atomic(): 1, irqs_disabled(): 0, non_block: 0, pid: " + pid + ", name: sleeper"), text);
        assertTrue(lines.contains("err: preempt_count: 1, expected: 0"), text);
        assertTrue(lines.contains("warn: 1 lock held by sleeper/" + pid + ":"), text);
        assertTrue(text.contains("warn:  #0: (test_lock), at: org.modux.kernel.locking.impl.LockingCoreTest"), text);
        assertTrue(lines.contains(String.format("err: BUG: scheduling while atomic: sleeper/%d/0x00000001", pid.get())), text);
        assertTrue((k.taints.mask() & Taint.WARN.bit()) != 0);
        assertFalse(lock.isLocked());
        assertFalse(text.contains("BUG: spinlock"), text);
    }

    @Test
    void interruptsWaitWhileALockIsHeldWithThemOff() {
        Spinlock lock = locking.spinLockInit("irq_lock");
        long[] ticks = new long[3];
        onCpu(1, "irqsave", () -> {
            long flags = lock.lockIrqsave();
            ticks[0] = k.core.vectorCount(1, Cpu.LOCAL_TIMER_VECTOR);
            for (long end = System.nanoTime() + 50_000_000L; System.nanoTime() < end;) {
                k.core.condResched();
            }
            ticks[1] = k.core.vectorCount(1, Cpu.LOCAL_TIMER_VECTOR);
            assertEquals(Long.valueOf(0x200), Long.valueOf(flags));
            assertTrue(k.core.irqsDisabled());
            lock.unlockIrqrestore(flags);
            ticks[2] = k.core.vectorCount(1, Cpu.LOCAL_TIMER_VECTOR);
        }).stop();
        assertEquals(ticks[0], ticks[1], "no tick taken while interrupts were off");
        // The pending tick is taken at restore; another may come due while it is handled.
        assertTrue(ticks[2] > ticks[1], "the pending tick is taken at restore");
    }

    @Test
    void aMutexWaiterSleepsInStateD() throws InterruptedException {
        Mutex m = locking.mutexInit("big_mutex");
        CountDownLatch held = new CountDownLatch(1);
        AtomicBoolean release = new AtomicBoolean();
        AtomicLong gotAt = new AtomicLong();
        AtomicLong releasedAt = new AtomicLong();
        Kthread holder = onCpu(0, "holder", () -> {
            m.lock();
            held.countDown();
            while (!release.get()) {
                k.core.msleep(1);
            }
            releasedAt.set(System.nanoTime());
            m.unlock();
        });
        held.await();
        Kthread waiter = onCpu(1, "waiter", () -> {
            m.lock();
            gotAt.set(System.nanoTime());
            m.unlock();
        });
        await("waiter asleep on the mutex", () -> waiter.task().state() == TaskState.UNINTERRUPTIBLE);
        assertEquals('D', waiter.task().state().letter());
        release.set(true);
        holder.stop();
        waiter.stop();
        assertTrue(gotAt.get() >= releasedAt.get());
        assertFalse(m.isLocked());
        assertTrue(k.log.lines().isEmpty(), k.log.lines()::toString);
    }

    @Test
    void aLockOrderInversionIsReportedOnce() {
        Spinlock a = locking.spinLockInit("lock_a");
        Mutex b = locking.mutexInit("lock_b");
        onCpu(0, "orderly", () -> {
            b.lock();
            a.lock();
            a.unlock();
            b.unlock();
            a.lock();
            a.unlock();
        }).stop();
        assertTrue(k.log.lines().isEmpty(), k.log.lines()::toString);
        onCpu(0, "inverted", () -> {
            a.lock();
            b.trylock();
            b.unlock();
            a.unlock();
            a.lock();
            b.lock();
            b.unlock();
            a.unlock();
        }).stop();
        String text = String.join("\n", k.log.lines());
        assertTrue(text.contains("warn: WARNING: possible circular locking dependency detected"), text);
        assertTrue(text.contains("warn: 0.1.0-modux #1 "), text);
        assertTrue(text.matches("(?s).*warn: inverted/\\d+ is trying to acquire lock:\nwarn: \\(lock_b\\), at: .*"), text);
        assertTrue(text.contains("warn: but task is already holding lock:\nwarn: (lock_a), at: "), text);
        assertTrue(text.contains("warn:  *** DEADLOCK ***"), text);
        assertEquals(1, k.log.lines().stream().filter(l -> l.contains("circular locking")).count());
        // the validator is off after its first report, as Linux's is
        onCpu(0, "again", () -> {
            a.lock();
            b.lock();
            b.unlock();
            a.unlock();
        }).stop();
        assertEquals(1, k.log.lines().stream().filter(l -> l.contains("circular locking")).count());
    }

    @Test
    void anUnlockOfAMutexNotHeldIsReported() {
        Mutex m = locking.mutexInit("unheld");
        onCpu(0, "unlocker", () -> m.unlock()).stop();
        String text = String.join("\n", k.log.lines());
        assertTrue(text.contains("warn: WARNING: bad unlock balance detected!"), text);
        assertTrue(text.contains("is trying to release lock (unheld) at:"), text);
        assertTrue(text.contains("warn: but there are no more locks to release!"), text);
    }

    @Test
    void aSemaphoreCountsAndTimesOut() {
        Semaphore sem = locking.semaInit("slots", 2);
        int[] got = new int[4];
        onCpu(0, "sem", () -> {
            sem.down();
            got[0] = sem.downTrylock() ? 1 : 0;
            got[1] = sem.downTrylock() ? 1 : 0;
            got[2] = sem.downTimeout(10_000_000L);
            sem.up();
            got[3] = sem.downTimeout(10_000_000L);
        }).stop();
        assertEquals(1, got[0]);
        assertEquals(0, got[1]);
        assertEquals(-Errno.ETIME.number(), got[2]);
        assertEquals(0, got[3]);
    }

    @Test
    void seqlockReadersNeverSeeAHalfWrite() {
        Seqlock seq = locking.seqlockInit("pair_seq");
        long[] pair = new long[2];
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger torn = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        Kthread writer = onCpu(0, "writer", () -> {
            for (long i = 1; !stop.get(); i++) {
                seq.writeSeqlock();
                pair[0] = i;
                pair[1] = -i;
                seq.writeSequnlock();
                k.core.condResched();
            }
        });
        Kthread reader = onCpu(1, "reader", () -> {
            for (int n = 0; n < 200_000; n++) {
                long x;
                long y;
                int s;
                do {
                    s = seq.readSeqbegin();
                    x = pair[0];
                    y = pair[1];
                } while (seq.readSeqretry(s));
                if (x != -y) {
                    torn.incrementAndGet();
                }
                reads.incrementAndGet();
                k.core.condResched();
            }
        });
        reader.stop();
        stop.set(true);
        writer.stop();
        assertEquals(200_000, reads.get());
        assertEquals(0, torn.get());
    }

    @Test
    void synchronizeRcuWaitsForAReaderAndCallbacksRunInRcuSoftirq() throws InterruptedException {
        Rcu rcu = locking.rcu();
        CountDownLatch reading = new CountDownLatch(1);
        AtomicLong readerDone = new AtomicLong();
        AtomicLong syncDone = new AtomicLong();
        Kthread reader = onCpu(1, "reader", () -> {
            rcu.readLock();
            reading.countDown();
            spinFor(100_000_000L);
            readerDone.set(System.nanoTime());
            rcu.readUnlock();
        });
        reading.await();
        onCpu(0, "updater", () -> {
            rcu.synchronize();
            syncDone.set(System.nanoTime());
        }).stop();
        reader.stop();
        assertTrue(syncDone.get() > readerDone.get(), "synchronize_rcu returned before the reader left");
        AtomicInteger ran = new AtomicInteger();
        AtomicBoolean inSoftirq = new AtomicBoolean();
        onCpu(0, "caller", () -> {
            for (int i = 0; i < 3; i++) {
                rcu.call(() -> {
                    ran.incrementAndGet();
                    inSoftirq.set(softirqs.inServingSoftirq());
                });
            }
            rcu.barrier();
        }).stop();
        assertEquals(3, ran.get());
        assertTrue(inSoftirq.get());
        assertTrue(softirqs.softirqCount(SoftirqVector.RCU, 0) + softirqs.softirqCount(SoftirqVector.RCU, 1) > 0);
    }

    @Test
    void aCpuThatNeverSchedulesIsASoftLockup() {
        k.core.setWatchdogThresh(1);
        AtomicInteger pid = new AtomicInteger();
        onCpu(1, "spinner", () -> {
            pid.set(k.core.currentOrNull().pid());
            spinFor(3_500_000_000L);
        }).stop();
        String text = String.join("\n", k.log.lines());
        assertTrue(text.matches("(?s).*emerg: watchdog: BUG: soft lockup - CPU#1 stuck for [23]s! \\[spinner:" + pid + "\\].*"),
                text);
        assertTrue(text.contains("LockingCoreTest.spinFor"), "the stuck task's stack: " + text);
        assertTrue((k.taints.mask() & Taint.SOFTLOCKUP.bit()) != 0);
    }

    @Test
    void aKthreadThatEndsHoldingASpinlockIsReportedAndItsCpuRecovers() {
        Spinlock lock = locking.spinLockInit("forgotten_lock");
        AtomicInteger pid = new AtomicInteger();
        onCpu(1, "forgetful", () -> {
            pid.set(k.core.currentOrNull().pid());
            lock.lock();
        }).stop();
        String text = String.join("\n", k.log.lines());
        assertTrue(text.contains("info: note: forgetful[" + pid + "] exited with preempt_count 1"), text);
        assertTrue(text.contains("warn: WARNING: forgetful/" + pid + " still has locks held!"), text);
        assertTrue(text.contains("warn:  #0: (forgotten_lock), at: "), text);
        int before = k.log.lines().size();
        onCpu(1, "next", () -> k.core.msleep(1)).stop();
        assertFalse(k.log.lines().subList(before, k.log.lines().size()).stream()
                .anyMatch(l -> l.contains("scheduling while atomic")), k.log.lines()::toString);
    }
}
