package org.modux.kernel.sched.impl;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.modux.fs.proc.ProcFs;
import org.modux.fs.proc.SeqFile;
import org.modux.hw.Cpu;
import org.modux.kernel.softirq.SoftirqVector;
import org.modux.kernel.softirq.Softirqs;
import org.modux.kernel.time.impl.Timekeeping;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * What the scheduler shows in /proc: {@code /proc/stat} (fs/proc/stat.c),
 * {@code /proc/loadavg} (fs/proc/loadavg.c, with kernel/sched/loadavg.c's
 * exponentially damped averages) and {@code /proc/cpuinfo} (arch/riscv/kernel/cpu.c:
 * the machine's CPUs are RV64GC harts with an Sv39 MMU).
 */
@Component(immediate = true)
public final class SchedProc {

    /** {@code USER_HZ}: the unit of /proc/stat's times. */
    static final int USER_HZ = 100;
    /** kernel/sched/loadavg.c: fixed-point shift and the 1, 5 and 15 minute decay factors. */
    static final int FSHIFT = 11;
    static final long FIXED_1 = 1L << FSHIFT;
    static final long EXP_1 = 1884;
    static final long EXP_5 = 2014;
    static final long EXP_15 = 2037;
    /** {@code LOAD_FREQ}: the averages are updated every 5 s. */
    static final long LOAD_FREQ_SECONDS = 5;
    static final String ISA = "rv64imafdc_zicntr_zicsr_zifencei_zihpm";

    private final ProcFs proc;
    private final SchedCore sched;
    private final Timekeeping time;
    private final Softirqs softirqs;
    private final long[] avenrun = new long[3];
    private final ScheduledExecutorService loadavg = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("loadavg").unstarted(r));

    @Activate
    public SchedProc(@Reference ProcFs proc, @Reference SchedCore sched, @Reference Timekeeping time,
            @Reference Softirqs softirqs) throws ErrnoException {
        this.proc = proc;
        this.softirqs = softirqs;
        this.sched = sched;
        this.time = time;
        proc.createSingle("stat", this::showStat);
        proc.createSingle("loadavg", this::showLoadavg);
        proc.createSingle("cpuinfo", this::showCpuinfo);
        loadavg.scheduleAtFixedRate(this::calcGlobalLoad, LOAD_FREQ_SECONDS, LOAD_FREQ_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() throws ErrnoException {
        loadavg.shutdownNow();
        proc.remove("cpuinfo");
        proc.remove("loadavg");
        proc.remove("stat");
    }

    private static long ticks(long ns) {
        return ns / (1_000_000_000L / USER_HZ);
    }

    /** {@code show_stat}. */
    void showStat(SeqFile m) {
        int n = sched.nrCpus();
        long system = 0;
        long idle = 0;
        long intr = 0;
        long ctxt = 0;
        for (int cpu = 0; cpu < n; cpu++) {
            system += sched.systemNs(cpu);
            idle += sched.idleNs(cpu);
            ctxt += sched.nrSwitches(cpu);
            for (int v = 0; v < Cpu.NR_VECTORS; v++) {
                intr += sched.vectorCount(cpu, v);
            }
        }
        cpuLine(m, "cpu ", system, idle);
        for (int cpu = 0; cpu < n; cpu++) {
            cpuLine(m, "cpu" + cpu, sched.systemNs(cpu), sched.idleNs(cpu));
        }
        m.printf("intr %d", intr);
        for (int irq = 0; irq < Cpu.LOCAL_TIMER_VECTOR - Cpu.IRQ0_VECTOR; irq++) {
            long count = 0;
            for (int cpu = 0; cpu < n; cpu++) {
                count += sched.vectorCount(cpu, Cpu.IRQ0_VECTOR + irq);
            }
            m.printf(" %d", count);
        }
        long bootSeconds = (System.currentTimeMillis() * 1_000_000L - time.ktimeGetNs()) / 1_000_000_000L;
        m.printf("\nctxt %d\nbtime %d\nprocesses %d\nprocs_running %d\nprocs_blocked %d\n", ctxt, bootSeconds,
                sched.totalForks(), sched.nrRunning(), sched.nrUninterruptible());
        long[] perVector = new long[SoftirqVector.values().length];
        for (SoftirqVector v : SoftirqVector.values()) {
            for (int cpu = 0; cpu < n; cpu++) {
                perVector[v.ordinal()] += softirqs.softirqCount(v, cpu);
            }
        }
        m.printf("softirq %d", java.util.Arrays.stream(perVector).sum());
        for (long c : perVector) {
            m.printf(" %d", c);
        }
        m.putc('\n');
    }

    /** One cpu line: user nice system idle iowait irq softirq steal guest guest_nice, in USER_HZ ticks. */
    private static void cpuLine(SeqFile m, String name, long systemNs, long idleNs) {
        m.printf("%s %d %d %d %d %d %d %d %d %d %d\n", name, 0, 0, ticks(systemNs), ticks(idleNs), 0, 0, 0, 0, 0, 0);
    }

    /**
     * {@code calc_global_load}: every LOAD_FREQ, each average decays towards the
     * number of active tasks (runnable plus uninterruptible), in fixed point.
     */
    void calcGlobalLoad() {
        long active = (long) (sched.nrRunning() + sched.nrUninterruptible()) * FIXED_1;
        synchronized (avenrun) {
            avenrun[0] = calcLoad(avenrun[0], EXP_1, active);
            avenrun[1] = calcLoad(avenrun[1], EXP_5, active);
            avenrun[2] = calcLoad(avenrun[2], EXP_15, active);
        }
    }

    /** {@code calc_load}: load * exp + active * (1 - exp), rounded up when rising, as Linux does. */
    static long calcLoad(long load, long exp, long active) {
        long newload = load * exp + active * (FIXED_1 - exp);
        if (active >= load) {
            newload += FIXED_1 - 1;
        }
        return newload / FIXED_1;
    }

    /** {@code loadavg_proc_show}: "%lu.%02lu" three times, running/total tasks, the last pid. */
    void showLoadavg(SeqFile m) {
        long[] a;
        synchronized (avenrun) {
            a = avenrun.clone();
        }
        StringBuilder s = new StringBuilder();
        for (long x : a) {
            long v = x + FIXED_1 / 200;
            s.append(v >> FSHIFT).append('.').append(String.format("%02d", ((v & (FIXED_1 - 1)) * 100) >> FSHIFT))
                    .append(' ');
        }
        m.printf("%s%d/%d %d\n", s, sched.nrRunning(), sched.tasks().size() - sched.nrCpus(), sched.lastPid());
    }

    /** {@code c_show} of arch/riscv: one block per online hart. */
    void showCpuinfo(SeqFile m) {
        for (int cpu = 0; cpu < sched.nrCpus(); cpu++) {
            m.printf("processor\t: %d\n", cpu);
            m.printf("hart\t\t: %d\n", cpu);
            m.printf("isa\t\t: %s\n", ISA);
            m.puts("mmu\t\t: sv39\n");
            m.puts("mvendorid\t: 0x0\n");
            m.puts("marchid\t\t: 0x0\n");
            m.puts("mimpid\t\t: 0x0\n");
            m.printf("hart isa\t: %s\n", ISA);
            m.puts("\n");
        }
    }
}
