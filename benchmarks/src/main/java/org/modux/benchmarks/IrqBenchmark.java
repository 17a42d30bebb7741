package org.modux.benchmarks;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.modux.hw.ClockSource;
import org.modux.hw.impl.IrqTestDeviceFactory;
import org.modux.hw.impl.LapicTimers;
import org.modux.hw.impl.PcInterruptController;
import org.modux.hw.irq.IrqTestDevice;
import org.modux.kernel.impl.Taints;
import org.modux.kernel.irq.Interrupts;
import org.modux.kernel.irq.impl.Genirq;
import org.modux.kernel.printk.LogLevel;
import org.modux.kernel.printk.Printk;
import org.modux.kernel.sched.Kthread;
import org.modux.kernel.sched.impl.KthreadCore;
import org.modux.kernel.sched.impl.SchedCore;
import org.modux.kernel.sched.impl.SmpMachine;

/**
 * Interrupt delivery on a two-CPU machine, measured in one JVM: the kernel's
 * scheduler and genirq wired as SCR wires them, the PC interrupt controller and an
 * irq test device on ISA line 5. Figures:
 * <ul>
 * <li>interrupts/s that reach the handler while the device raises as fast as its
 * thread can (line 5 to both CPUs), and the share of raised ones that arrived;</li>
 * <li>latency from the device's raise ({@code lastRaiseNanos}) to handler entry on
 * CPU 1, at 2,000 interrupts/s, with CPU 1 idle (halted) and with CPU 1 busy (a
 * kthread spinning with cond_resched);</li>
 * <li>in the same run, the host's own one-way wake-up of a parked platform thread,
 * the floor an interrupt to a halted CPU pays.</li>
 * </ul>
 * Each phase runs a few seconds; the whole run stays under 30 s. Usage:
 * {@code benchmarks/run-irq}.
 */
public final class IrqBenchmark {

    private static final int IRQ = 5;
    private static final int SAMPLES = 8_000;

    /** printk to stderr, for what the kernel says during the run. */
    private static final class StderrPrintk implements Printk {
        @Override
        public void printk(LogLevel level, String format, Object... args) {
            System.err.println("[" + level.dmesgName() + "] " + String.format(format, args));
        }

        @Override
        public Printk subsystem(String name) {
            return this;
        }
    }

    /** Latencies recorded by the handler into a preallocated array: no allocation per interrupt. */
    private static final class Recorder {
        final long[] samples = new long[SAMPLES];
        volatile int n;
        final AtomicLong calls = new AtomicLong();
        volatile boolean recording;
    }

    public static void main(String[] args) throws Exception {
        boolean poll = args.length > 0 && args[0].equals("idle=poll");
        SmpMachine machine = new SmpMachine(2, poll);
        Printk log = new StderrPrintk();
        Taints taints = new Taints();
        LapicTimers timers = new LapicTimers(machine);
        SchedCore sched = new SchedCore(machine, timers, log, taints);
        KthreadCore kthreads = new KthreadCore(sched);
        PcInterruptController controller = new PcInterruptController(machine);
        Genirq genirq = new Genirq(sched, controller, kthreads, log, taints, machine);
        IrqTestDeviceFactory devices = new IrqTestDeviceFactory(controller, machine);
        ClockSource clock = machine.clock();
        IrqTestDevice dev = devices.attach(IRQ);

        Recorder rec = new Recorder();
        genirq.requestIrq(IRQ, (irq, d) -> {
            long latency = clock.readNanos() - dev.lastRaiseNanos();
            rec.calls.incrementAndGet();
            int i = rec.n;
            if (rec.recording && i < SAMPLES) {
                rec.samples[i] = latency;
                rec.n = i + 1;
            }
            return Interrupts.IRQ_HANDLED;
        }, 0, "irq_bench", null);

        System.out.printf("irq_bench: 2 CPUs%s, line %d (IO-APIC edge), JDK %s, %d host cores%n",
                poll ? ", idle=poll" : "", IRQ, Runtime.version(), Runtime.getRuntime().availableProcessors());

        throughput(genirq, dev, rec);

        BitSet one = new BitSet();
        one.set(1);
        genirq.irqSetAffinity(IRQ, one);
        latency(poll ? "raise to handler, CPU 1 idle (polling: idle=poll)" : "raise to handler, CPU 1 idle", dev, rec);

        AtomicBoolean stop = new AtomicBoolean();
        Kthread spinner = kthreads.createOnCpu(() -> {
            while (!stop.get()) {
                sched.condResched();
            }
            return 0;
        }, 1, "spinner");
        spinner.wakeUp();
        Thread.sleep(100);
        latency("raise to handler, CPU 1 busy (cond_resched loop)", dev, rec);
        stop.set(true);
        spinner.stop();

        hostWakeup();
        dev.close();
        System.exit(0);
    }

    /** The device raises as fast as its thread can for 3 s; what reaches the handler. */
    private static void throughput(Genirq genirq, IrqTestDevice dev, Recorder rec) throws InterruptedException {
        for (int round = 0; round < 2; round++) {
            long raised0 = dev.raised();
            long calls0 = rec.calls.get();
            long t0 = System.nanoTime();
            dev.setRate(2_000_000);
            Thread.sleep(round == 0 ? 1000 : 3000);
            dev.setRate(0);
            long t1 = System.nanoTime();
            Thread.sleep(50);
            if (round == 0) {
                continue;
            }
            double secs = (t1 - t0) / 1e9;
            long raised = dev.raised() - raised0;
            long handled = rec.calls.get() - calls0;
            System.out.printf("throughput, device flat out, line to both CPUs: raised %,.0f/s, handled %,.0f/s (%.1f%%; "
                    + "the rest merged in a CPU's pending register or the line's pending state); kstat CPU0 %d, CPU1 %d%n",
                    raised / secs, handled / secs, 100.0 * handled / raised, genirq.kstatIrqsCpu(IRQ, 0),
                    genirq.kstatIrqsCpu(IRQ, 1));
        }
    }

    /** 2,000 interrupts/s for up to 4 s: median and p99 of raise-to-handler latency. */
    private static void latency(String what, IrqTestDevice dev, Recorder rec) throws InterruptedException {
        dev.setRate(2_000);
        Thread.sleep(500);
        rec.n = 0;
        rec.recording = true;
        long end = System.nanoTime() + 4_000_000_000L;
        while (rec.n < SAMPLES && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        rec.recording = false;
        dev.setRate(0);
        report(what, Arrays.copyOf(rec.samples, rec.n));
    }

    /** One-way wake-up of a parked platform thread, measured as the latency figures are. */
    private static void hostWakeup() throws InterruptedException {
        long[] samples = new long[SAMPLES];
        AtomicLong sent = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        int[] n = new int[1];
        Thread sleeper = Thread.ofPlatform().start(() -> {
            while (!done.get() && n[0] < SAMPLES) {
                long s = sent.get();
                if (s == 0) {
                    LockSupport.park();
                    continue;
                }
                samples[n[0]++] = System.nanoTime() - s;
                sent.set(0);
            }
        });
        for (int i = 0; i < SAMPLES && sleeper.isAlive(); i++) {
            Thread.sleep(0, 300_000);
            sent.set(System.nanoTime());
            LockSupport.unpark(sleeper);
            while (sent.get() != 0 && sleeper.isAlive()) {
                Thread.onSpinWait();
            }
        }
        done.set(true);
        LockSupport.unpark(sleeper);
        sleeper.join();
        report("host: unpark to run of a parked platform thread", Arrays.copyOf(samples, n[0]));
    }

    private static void report(String what, long[] ns) {
        Arrays.sort(ns);
        if (ns.length == 0) {
            System.out.printf("%s: no samples%n", what);
            return;
        }
        System.out.printf("%s: n=%d median %.1f us, p99 %.1f us, max %.1f us%n", what, ns.length,
                ns[ns.length / 2] / 1e3, ns[(int) (ns.length * 0.99)] / 1e3, ns[ns.length - 1] / 1e3);
    }
}
