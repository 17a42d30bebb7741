package org.modux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.modux.fs.File;
import org.modux.fs.OpenFlags;
import org.modux.fs.Vfs;
import org.modux.kernel.sched.Scheduler;
import org.modux.kernel.sched.Task;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The execution core in a booted kernel, as a user meets it at the console: the
 * idle tasks and kthreadd, the scheduler's /proc files, taskset, chrt and renice on
 * kthreadd, top and kill, and a module whose kthreads ping-pong on a CPU.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SchedIT {

    @Inject
    Vfs vfs;
    @Inject
    CommandProcessor processor;
    @Inject
    Scheduler sched;

    @Configuration
    public Option[] config() {
        return KernelOptions.boot("smp=2",
                systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("NONE"));
    }

    private void assertRun(String line, String out, String err, int status) throws Exception {
        Console.Result r = new Console(processor).run(line);
        assertEquals(line + ": stdout", out, r.out());
        assertEquals(line + ": stderr", err, r.err());
        assertEquals(line + ": status", status, r.status());
    }

    @Test
    public void everyCpuHasItsIdleTaskAndKthreaddIsPidTwo() {
        List<String> first = sched.tasks().stream().limit(3).map(t -> t.pid() + " " + t.comm()).toList();
        assertEquals(List.of("0 swapper/0", "0 swapper/1", "2 kthreadd"), first);
        Task kthreadd = sched.findTask(2).orElseThrow();
        assertTrue(kthreadd.isKthread());
        assertEquals(2, sched.onlineCpus());
    }

    @Test
    public void cpuinfoHasOneHartPerCpuAndStatOneLinePerCpu() throws Exception {
        Console.Result info = new Console(processor).run("cat /proc/cpuinfo");
        assertTrue(info.out(), info.out().startsWith("processor\t: 0\nhart\t\t: 0\n"));
        assertTrue(info.out(), info.out().contains("\nprocessor\t: 1\nhart\t\t: 1\n"));
        Console.Result stat = new Console(processor).run("cat /proc/stat");
        List<String> lines = stat.out().lines().toList();
        assertTrue(lines.get(0), lines.get(0).matches("cpu  (\\d+ ){9}\\d+"));
        assertTrue(lines.get(2), lines.get(2).matches("cpu1 (\\d+ ){9}\\d+"));
        assertTrue(lines.get(4), lines.get(4).matches("ctxt \\d+"));
        Console.Result load = new Console(processor).run("cat /proc/loadavg");
        assertTrue(load.out(), load.out().matches("\\d+\\.\\d\\d \\d+\\.\\d\\d \\d+\\.\\d\\d \\d+/\\d+ \\d+\n"));
    }

    @Test
    public void tasksetChrtAndReniceActOnKthreadd() throws Exception {
        assertRun("taskset -p 2", "pid 2's current affinity mask: 3\n", "", 0);
        assertRun("taskset -pc 1 2", "pid 2's current affinity list: 0-1\npid 2's new affinity list: 1\n", "", 0);
        assertRun("taskset -p 3 2", "pid 2's current affinity mask: 2\npid 2's new affinity mask: 3\n", "", 0);
        assertRun("taskset -p 4 2", "pid 2's current affinity mask: 3\n",
                "taskset: failed to set pid 2's affinity: Invalid argument\n", 1);
        assertRun("taskset -p 99999", "", "taskset: failed to get pid 99999's affinity: No such process\n", 1);
        assertRun("chrt -p 2", "pid 2's current scheduling policy: SCHED_OTHER\npid 2's current scheduling priority: 0\n",
                "", 0);
        assertRun("chrt -f -p 0 2", "", "chrt: failed to set pid 2's policy: Invalid argument\n", 1);
        assertRun("renice -n 5 -p 2", "2 (process ID) old priority 0, new priority 5\n", "", 0);
        assertRun("renice -n 0 -p 2", "2 (process ID) old priority 5, new priority 0\n", "", 0);
    }

    @Test
    public void topShowsTheSummaryAndKthreadd() throws Exception {
        Console.Result top = new Console(processor).run("top -b -n 1");
        assertEquals(top.err(), 0, top.status());
        List<String> lines = top.out().lines().toList();
        assertTrue(lines.get(0), lines.get(0).matches(
                "top - \\d\\d:\\d\\d:\\d\\d up .+,  0 user,  load average: \\d+\\.\\d\\d, \\d+\\.\\d\\d, \\d+\\.\\d\\d"));
        assertTrue(lines.get(1), lines.get(1).matches(
                "Tasks: +\\d+ total, +\\d+ running, +\\d+ sleeping, +0 stopped, +0 zombie"));
        assertTrue(lines.get(2), lines.get(2).matches("%Cpu\\(s\\):[ .0-9]{5} us,[ .0-9]{5} sy,[ .0-9]{5} ni,"
                + "[ .0-9]{5} id,[ .0-9]{5} wa,[ .0-9]{5} hi,[ .0-9]{5} si,[ .0-9]{5} st "));
        assertEquals("no /proc/meminfo, so no memory lines", "", lines.get(3));
        assertEquals("  PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND", lines.get(4));
        assertTrue(top.out(), lines.stream().anyMatch(l -> l.matches(
                "    2 root      20   0       0      0      0 [SI] +\\d+\\.\\d   0\\.0 +\\d+:\\d\\d\\.\\d\\d kthreadd")));
        Console.Result interactive = new Console(processor).run("top -n 1");
        assertEquals("", interactive.out());
        assertTrue(interactive.err(), interactive.err().startsWith(
                "top: interactive mode is not available, run top -b (batch mode)\n\nUsage:\n top [options]\n"));
        assertEquals(1, interactive.status());
    }

    @Test
    public void killReachesKthreaddWhichGoesOn() throws Exception {
        assertRun("kill 2", "", "", 0);
        assertRun("kill -9 2", "", "", 0);
        assertRun("kill -s KILL 2", "", "", 0);
        assertTrue(sched.findTask(2).isPresent());
        Console.Result ps = new Console(processor).run("ps -e");
        assertTrue(ps.out(), ps.out().matches("(?s).*\n    2 \\?        \\d\\d:\\d\\d:\\d\\d kthreadd\n.*"));
        assertRun("kill 99999", "", "kill: (99999): No such process\n", 1);
        assertRun("kill -l 9", "KILL\n", "", 0);
    }

    @Test
    public void aModulesKthreadsPingPongOnOneCpuAndAreGoneAfterward() throws Exception {
        byte[] image = Files.readAllBytes(Path.of(System.getProperty("modux.bundles"), "sched_pingpong.jar"));
        try (File f = vfs.open("/tmp/sched_pingpong.jar", OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_TRUNC,
                0644)) {
            f.write(ByteBuffer.wrap(image));
        }
        int before = sched.tasks().size();
        assertRun("insmod /tmp/sched_pingpong.jar rounds=20000 cpu=1", "", "", 0);
        Console.Result dmesg = new Console(processor).run("dmesg");
        assertTrue(dmesg.out(), dmesg.out().matches(
                "(?s).*sched_pingpong: 20000 round trips on CPU 1 in \\d+ us: \\d+ round trips/s\n.*"));
        assertEquals("its kthreads are reaped", before, sched.tasks().size());
        assertRun("rmmod sched_pingpong", "", "", 0);
        assertRun("insmod /tmp/sched_pingpong.jar rounds=0", "",
                "insmod: ERROR: could not insert module /tmp/sched_pingpong.jar: Invalid parameters\n", 1);
    }

    @Test
    public void sleepingWithASpinlockHeldIsReportedAndTaintsW() throws Exception {
        byte[] image = Files.readAllBytes(Path.of(System.getProperty("modux.bundles"), "sched_spin.jar"));
        try (File f = vfs.open("/tmp/sched_spin.jar", OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_TRUNC,
                0644)) {
            f.write(ByteBuffer.wrap(image));
        }
        assertRun("cat /proc/sys/kernel/watchdog_thresh", "10\n", "", 0);
        assertRun("insmod /tmp/sched_spin.jar timeout=50", "", "", 0);
        Console.Result dmesg = new Console(processor).run("dmesg");
        assertTrue(dmesg.out(), dmesg.out().contains("sched_spin: are we atomic? yes\n"));
        assertTrue(dmesg.out(), dmesg.out().matches(
                "(?s).*\\] BUG: scheduling while atomic: sched_spin/\\d+/0x00000001\n.*"));
        Console.Result tainted = new Console(processor).run("cat /proc/sys/kernel/tainted");
        assertTrue(tainted.out(), (Long.parseLong(tainted.out().strip()) & 512) != 0);
        assertRun("rmmod sched_spin", "", "", 0);
    }
}
