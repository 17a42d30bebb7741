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
 * kthreadd, and a module whose kthreads ping-pong on a CPU.
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
