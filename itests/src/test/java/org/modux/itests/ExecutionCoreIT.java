package org.modux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.modux.hw.irq.IrqTestDevice;
import org.modux.hw.irq.IrqTestDevices;
import org.modux.kernel.irq.Interrupts;
import org.modux.kernel.sched.Kthread;
import org.modux.kernel.sched.Kthreads;
import org.modux.kernel.sched.Scheduler;
import org.modux.kernel.softirq.Softirqs;
import org.modux.kernel.softirq.Tasklet;
import org.modux.kernel.time.TimerList;
import org.modux.kernel.time.Timers;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The execution core's behaviour in a booted two-CPU kernel, driven as a module
 * drives it (kthreads, interrupt handlers, tasklets, timers, a test device on a
 * line) and watched as a user watches it: chrt, taskset, ps, /proc/PID/stat,
 * /proc/interrupts, dmesg.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ExecutionCoreIT {

    @Inject
    CommandProcessor processor;
    @Inject
    Scheduler sched;
    @Inject
    Kthreads kthreads;
    @Inject
    Interrupts interrupts;
    @Inject
    IrqTestDevices devices;
    @Inject
    Softirqs softirqs;
    @Inject
    Timers timers;

    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Kthread> started = new ArrayList<>();

    @Configuration
    public Option[] config() {
        return KernelOptions.boot("smp=2",
                systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("NONE"));
    }

    @After
    public void stopThreads() {
        stop.set(true);
        started.forEach(Kthread::stop);
    }

    /** Runs a console command that must succeed; what it printed. */
    private String run(String line) {
        Console.Result r;
        try {
            r = new Console(processor).run(line);
        } catch (Exception e) {
            throw new IllegalStateException(line, e);
        }
        assertEquals(line + ": " + r.err(), 0, r.status());
        return r.out();
    }

    private Kthread hog(String name, int cpu) {
        Kthread t = cpu < 0 ? kthreads.create(this::spin, name) : kthreads.createOnCpu(this::spin, cpu, name);
        started.add(t);
        return t;
    }

    private int spin() {
        while (!stop.get()) {
            sched.condResched();
        }
        return 0;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue("timed out: " + what, System.nanoTime() < end);
            Thread.sleep(5);
        }
    }

    @Test
    public void niceZeroAndNiceFiveShareACpuInTheirWeightRatio() throws Exception {
        Kthread a = hog("nice0", 1);
        Kthread b = hog("nice5", 1);
        assertEquals("", run("renice -n 5 -p " + b.task().pid()).replaceAll(".*old priority 0, new priority 5\n", ""));
        a.wakeUp();
        b.wakeUp();
        Thread.sleep(3000);
        double ratio = (double) a.task().sumExecRuntime() / b.task().sumExecRuntime();
        assertEquals("nice 0 : nice 5 CPU time, 1024:335", 1024.0 / 335, ratio, 1024.0 / 335 * 0.05);
        String stat = run("cat /proc/" + b.task().pid() + "/stat");
        assertEquals("5", stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
    }

    @Test
    public void aFifoTaskSetWithChrtStarvesFairTasksOnItsCpu() throws Exception {
        ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
        AtomicBoolean fifoRunning = new AtomicBoolean();
        AtomicBoolean fifoDone = new AtomicBoolean();
        Kthread fifo = kthreads.createOnCpu(() -> {
            fifoRunning.set(true);
            long end = System.nanoTime() + 300_000_000L;
            while (System.nanoTime() < end) {
                sched.condResched();
            }
            order.add("fifo");
            fifoDone.set(true);
            return 0;
        }, 1, "rt_hog");
        run("chrt -f -p 50 " + fifo.task().pid());
        assertTrue(run("chrt -p " + fifo.task().pid()).contains("SCHED_FIFO"));
        Kthread fair = kthreads.createOnCpu(() -> {
            order.add(fifoDone.get() ? "fair after fifo" : "fair during fifo");
            return 0;
        }, 1, "starved");
        fifo.wakeUp();
        await("the FIFO task runs", fifoRunning::get);
        fair.wakeUp();
        fair.stop();
        fifo.stop();
        assertEquals(List.of("fifo", "fair after fifo"), List.copyOf(order));
    }

    @Test
    public void tasksetKeepsATaskOnItsCpu() throws Exception {
        Kthread t = hog("pinned_by_taskset", -1);
        t.wakeUp();
        int pid = t.task().pid();
        assertEquals("pid " + pid + "'s current affinity list: 0,1\npid " + pid + "'s new affinity list: 1\n",
                run("taskset -pc 1 " + pid).replace("0-1", "0,1"));
        await("it moved to CPU 1", () -> t.task().cpu() == 1);
        for (int i = 0; i < 20; i++) {
            String psr = run("ps -eo pid,psr").lines().map(String::strip).filter(l -> l.startsWith(pid + " "))
                    .findFirst().orElseThrow().split(" +")[1];
            assertEquals("1", psr);
            Thread.sleep(20);
        }
    }

    @Test
    public void aSharedLineCallsBothHandlersAndAnUnhandledLineIsDisabled() throws Exception {
        AtomicInteger a = new AtomicInteger();
        AtomicInteger b = new AtomicInteger();
        Object devA = new Object();
        Object devB = new Object();
        interrupts.requestIrq(5, (irq, dev) -> a.incrementAndGet() > 0 ? Interrupts.IRQ_HANDLED : Interrupts.IRQ_NONE,
                Interrupts.IRQF_SHARED, "it_a", devA);
        interrupts.requestIrq(5, (irq, dev) -> b.incrementAndGet() > 0 ? Interrupts.IRQ_NONE : Interrupts.IRQ_NONE,
                Interrupts.IRQF_SHARED, "it_b", devB);
        try (IrqTestDevice dev5 = devices.attach(5)) {
            dev5.fire();
            await("both handlers ran", () -> a.get() == 1 && b.get() == 1);
            String line5 = run("cat /proc/interrupts").lines().filter(l -> l.strip().startsWith("5:")).findFirst()
                    .orElseThrow();
            assertTrue(line5, line5.endsWith("it_a, it_b"));
        } finally {
            interrupts.freeIrq(5, devA);
            interrupts.freeIrq(5, devB);
        }

        AtomicInteger calls = new AtomicInteger();
        interrupts.requestIrq(6, (irq, dev) -> {
            calls.incrementAndGet();
            return Interrupts.IRQ_NONE;
        }, 0, "deaf", null);
        try (IrqTestDevice dev6 = devices.attach(6)) {
            for (int i = 0; i < 100_000; i++) {
                dev6.fire();
                int want = i + 1;
                while (calls.get() < want) {
                    Thread.onSpinWait();
                }
            }
            await("the line disabled", () -> run("dmesg").contains("Disabling IRQ #6"));
            String dmesg = run("dmesg");
            assertTrue(dmesg, dmesg.contains("irq 6: nobody cared (try booting with the \"irqpoll\" option)"));
            dev6.fire();
            Thread.sleep(50);
            assertEquals(100_000, calls.get());
        } finally {
            interrupts.freeIrq(6, null);
        }
    }

    @Test
    public void aTaskletScheduledFromBothCpusRunsOnOneAtATime() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicBoolean overlap = new AtomicBoolean();
        AtomicInteger runs = new AtomicInteger();
        Tasklet t = softirqs.taskletSetup(self -> {
            if (running.getAndIncrement() != 0) {
                overlap.set(true);
            }
            runs.incrementAndGet();
            for (int i = 0; i < 200; i++) {
                Thread.onSpinWait();
            }
            running.decrementAndGet();
        });
        CountDownLatch ready = new CountDownLatch(2);
        List<Kthread> schedulers = new ArrayList<>();
        for (int cpu = 0; cpu < 2; cpu++) {
            schedulers.add(kthreads.createOnCpu(() -> {
                ready.countDown();
                while (ready.getCount() > 0) {
                    Thread.onSpinWait();
                }
                for (int i = 0; i < 2000; i++) {
                    softirqs.taskletSchedule(t);
                    sched.yield();
                }
                return 0;
            }, cpu, "tasklet_sched/" + cpu));
        }
        schedulers.forEach(Kthread::wakeUp);
        schedulers.forEach(Kthread::stop);
        softirqs.taskletKill(t);
        assertTrue("a tasklet ran on both CPUs at once", !overlap.get());
        assertTrue(runs.get() > 0);
    }

    @Test
    public void timerDeleteSyncWaitsForARunningTimer() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        AtomicBoolean release = new AtomicBoolean();
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean finishedWhenDeleteReturned = new AtomicBoolean();
        TimerList t = timers.timerSetup(x -> {
            inside.countDown();
            while (!release.get()) {
                Thread.onSpinWait();
            }
            finished.set(true);
        }, 0);
        timers.addTimerOn(t, timers.jiffies() + 1, 1);
        inside.await();
        CountDownLatch deleting = new CountDownLatch(1);
        Kthread deleter = kthreads.createOnCpu(() -> {
            deleting.countDown();
            timers.timerDeleteSync(t);
            finishedWhenDeleteReturned.set(finished.get());
            return 0;
        }, 0, "deleter");
        deleter.wakeUp();
        deleting.await();
        Thread.sleep(50);
        release.set(true);
        deleter.stop();
        assertTrue("timer_delete_sync returned while the function ran", finishedWhenDeleteReturned.get());
    }

    @Test
    public void aKthreadThatThrowsIsAnOopsAndTheKernelGoesOn() throws Exception {
        Kthread bad = kthreads.run(() -> {
            throw new IllegalStateException("it_oops");
        }, "it_oops");
        bad.stop();
        String dmesg = run("dmesg");
        assertTrue(dmesg, dmesg.contains("Oops: java.lang.IllegalStateException: it_oops [#1] SMP"));
        assertTrue(dmesg, dmesg.matches("(?s).*CPU: \\d UID: 0 PID: " + bad.task().pid() + " Comm: it_oops Tainted: .*D.*"));
        String tainted = run("cat /proc/sys/kernel/tainted").strip();
        assertTrue(tainted, (Long.parseLong(tainted) & 128) != 0);
        Kthread good = kthreads.run(() -> 7, "after_oops");
        assertEquals(7, good.stop());
    }
}
