package org.modux.benchmarks;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.modux.kernel.sched.Kthread;
import org.modux.kernel.sched.impl.SmpKernel;
import org.modux.kernel.softirq.SoftirqVector;
import org.modux.kernel.softirq.impl.SoftirqCore;
import org.modux.kernel.time.TimerList;
import org.modux.kernel.time.impl.TimerCore;

/**
 * Softirq and timer-wheel figures, measured on a two-CPU kernel built as the unit
 * tests build it (SmpKernel: SchedCore, kthreadd, the CPUs' clock event devices),
 * in kthreads bound to CPU 1, each figure after a warm-up of the same length:
 * <ul>
 * <li>raise + run through local_bh_enable: raise_softirq with softirqs disabled,
 * and the handler runs inline when they are enabled again (do_softirq);
 * <li>raise + run through a hard interrupt: a self-IPI taken at cond_resched, the
 * handler raising the softirq, which runs at irq_exit;
 * <li>raise + run through ksoftirqd: raised in task context, so ksoftirqd/1 is woken
 * and the raiser yields the CPU to it (two context switches per softirq);
 * <li>timer wheel mod_timer + timer_delete of 1024 timers 1..10000 jiffies out.
 * </ul>
 * Run by benchmarks/run-softirq; prints one line per figure.
 */
public final class SoftirqBenchmark {

    private static final int TEST_VECTOR = 0x40;

    public static void main(String[] args) throws Exception {
        long measureNs = (long) (Double.parseDouble(args.length > 0 ? args[0] : "2") * 1e9);
        try (SmpKernel k = new SmpKernel(2)) {
            SoftirqCore softirqs = new SoftirqCore(k.core, k.kthreads, k.log);
            TimerCore timers = new TimerCore(k.machine, k.core, softirqs, k.log, k.taints);
            AtomicLong ran = new AtomicLong();
            softirqs.openSoftirq(SoftirqVector.NET_RX, ran::incrementAndGet);
            k.core.setInterruptEntry((cpu, vector) -> {
                if (vector == TEST_VECTOR) {
                    softirqs.raiseSoftirq(SoftirqVector.NET_RX);
                }
            });

            report("softirq raise+run, local_bh_enable", measureNs, k, ran, () -> {
                softirqs.localBhDisable();
                softirqs.raiseSoftirq(SoftirqVector.NET_RX);
                softirqs.localBhEnable();
                return 1;
            });
            report("softirq raise+run, hard irq -> irq_exit", measureNs, k, ran, () -> {
                k.core.kickCpu(1, TEST_VECTOR);
                k.core.condResched();
                return 1;
            });
            report("softirq raise+run, ksoftirqd", measureNs, k, ran, () -> {
                softirqs.raiseSoftirq(SoftirqVector.NET_RX);
                k.core.yield();
                return 1;
            });

            TimerList[] ts = new TimerList[1024];
            for (int i = 0; i < ts.length; i++) {
                ts[i] = timers.timerSetup(t -> { }, 0);
            }
            Random rnd = new Random(1);
            long[] deltas = new long[ts.length];
            for (int i = 0; i < deltas.length; i++) {
                deltas[i] = 1 + rnd.nextInt(10_000);
            }
            report("timer mod_timer+timer_delete pairs", measureNs, k, null, () -> {
                long j = timers.jiffies();
                for (int i = 0; i < ts.length; i++) {
                    timers.modTimer(ts[i], j + deltas[i]);
                }
                for (TimerList t : ts) {
                    timers.timerDelete(t);
                }
                return ts.length;
            });
            timers.deactivate();
            softirqs.deactivate();
        }
    }

    /**
     * Runs {@code op} in a kthread bound to CPU 1 for a warm-up and then a measured
     * period; prints operations per second (and, for softirqs, how many raises ran the handler).
     */
    private static void report(String name, long ns, SmpKernel k, AtomicLong ran, LongSupplier op) {
        long[] result = new long[3];
        Kthread t = k.kthreads.createOnCpu(() -> {
            for (int phase = 0; phase < 2; phase++) {
                long ops = 0;
                long ranBefore = ran == null ? 0 : ran.get();
                long start = System.nanoTime();
                long end = start + ns;
                while (System.nanoTime() < end) {
                    ops += op.getAsLong();
                }
                result[0] = ops;
                result[1] = System.nanoTime() - start;
                result[2] = ran == null ? 0 : ran.get() - ranBefore;
            }
            return 0;
        }, 1, "bench");
        t.wakeUp();
        t.stop();
        double perSec = result[0] * 1e9 / result[1];
        // Raises of a vector already pending coalesce into one run, as in Linux.
        String check = ran == null ? "" : String.format("  (%,d raises, %,d handler runs)", result[0], result[2]);
        System.out.printf("%-42s %,14.0f /s  %8.1f ns/op%s%n", name, perSec, 1e9 / perSec, check);
    }
}
