package org.modux.kernel.sched.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.modux.fs.proc.ProcFs;
import org.modux.fs.proc.ProcOps;
import org.modux.fs.proc.ProcWrite;
import org.modux.fs.proc.SeqText;
import org.modux.fs.proc.SeqShow;
import org.modux.hw.impl.LapicTimers;
import org.modux.kernel.impl.Taints;
import org.modux.kernel.printk.RecordingPrintk;
import org.modux.kernel.softirq.impl.SoftirqCore;
import org.modux.kernel.time.impl.Timekeeping;

/** /proc/stat, /proc/loadavg and /proc/cpuinfo in Linux's layouts, over a running two-CPU scheduler. */
class SchedProcTest {

    private final SmpMachine machine = new SmpMachine(2);
    private final LapicTimers timers = new LapicTimers(machine);
    private final SchedCore core = new SchedCore(machine, timers, new RecordingPrintk(), new Taints());
    private final KthreadCore kthreads = new KthreadCore(core);
    private final SoftirqCore softirqs = new SoftirqCore(core, kthreads, new RecordingPrintk());
    private final Map<String, SeqShow> files = new HashMap<>();
    private final SchedProc proc;

    SchedProcTest() throws Exception {
        Timekeeping time = new Timekeeping(machine);
        time.timekeepingInit();
        proc = new SchedProc(new ProcFs() {
            @Override
            public void mkdir(String path) {
                throw new UnsupportedOperationException(path);
            }

            @Override
            public void create(String path, int mode, SeqShow show, ProcWrite write) {
                files.put(path, show);
            }

            @Override
            public void create(String path, int mode, ProcOps ops) {
                throw new UnsupportedOperationException(path);
            }

            @Override
            public void symlink(String path, String target) {
                throw new UnsupportedOperationException(path);
            }

            @Override
            public void remove(String path) {
                files.remove(path);
            }
        }, core, time, softirqs);
    }

    @AfterEach
    void powerDown() throws Exception {
        proc.deactivate();
        softirqs.deactivate();
        kthreads.deactivate();
        core.deactivate();
        timers.shutdown();
    }

    private String read(String name) throws Exception {
        return SeqText.of(files.get(name));
    }

    @Test
    void procStatHasLinuxsLinesAndCounts() throws Exception {
        kthreads.run(() -> 0, "short").stop();
        List<String> lines = read("stat").lines().toList();
        assertTrue(lines.get(0).matches("cpu  (\\d+ ){9}\\d+"), lines.get(0));
        assertTrue(lines.get(1).matches("cpu0 (\\d+ ){9}\\d+"), lines.get(1));
        assertTrue(lines.get(2).matches("cpu1 (\\d+ ){9}\\d+"), lines.get(2));
        String[] intr = lines.get(3).split(" ");
        assertEquals("intr", intr[0]);
        assertEquals(2 + 204, intr.length, "the total, then one count per irq");
        assertTrue(lines.get(4).matches("ctxt [1-9]\\d*"), lines.get(4));
        assertTrue(lines.get(5).matches("btime \\d{10}"), lines.get(5));
        assertTrue(lines.get(6).matches("processes [1-9]\\d*"), lines.get(6));
        assertTrue(lines.get(7).matches("procs_running \\d+"), lines.get(7));
        assertTrue(lines.get(8).matches("procs_blocked \\d+"), lines.get(8));
        assertTrue(lines.get(9).matches("softirq( \\d+){11}"), lines.get(9));
        assertEquals(10, lines.size());
    }

    @Test
    void theLoadAverageDecaysAsLinuxsFixedPointDoes() throws Exception {
        assertTrue(read("loadavg").matches("0\\.00 0\\.00 0\\.00 \\d+/\\d+ \\d+\n"), read("loadavg"));
        assertEquals(164, SchedProc.calcLoad(0, SchedProc.EXP_1, SchedProc.FIXED_1));
        assertEquals(34, SchedProc.calcLoad(0, SchedProc.EXP_5, SchedProc.FIXED_1));
        long load = 0;
        for (int i = 0; i < 12; i++) {
            load = SchedProc.calcLoad(load, SchedProc.EXP_1, SchedProc.FIXED_1);
        }
        assertEquals(1299, load, "a minute of one running task: about 1 - 1/e of the way (Linux rounds up while rising)");
    }

    @Test
    void cpuinfoHasOneHartBlockPerCpu() throws Exception {
        String text = read("cpuinfo");
        assertTrue(text.startsWith("processor\t: 0\nhart\t\t: 0\nisa\t\t: rv64imafdc"), text);
        assertTrue(text.contains("\n\nprocessor\t: 1\nhart\t\t: 1\n"), text);
        assertTrue(text.contains("mmu\t\t: sv39\n"));
        assertTrue(text.endsWith("\n\n"));
    }
}
