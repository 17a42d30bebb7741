package org.modux.fs.proc.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.modux.fs.sysfs.impl.SysfsFiles.cat;
import static org.modux.fs.sysfs.impl.SysfsFiles.echo;
import static org.modux.fs.sysfs.impl.SysfsFiles.ls;
import static org.modux.fs.sysfs.impl.SysfsFiles.walk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.modux.fs.FileMode;
import org.modux.fs.FileOperations;
import org.modux.fs.Inode;
import org.modux.fs.OpenFlags;
import org.modux.kernel.sched.SchedPolicy;
import org.modux.kernel.sched.TaskState;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/**
 * /proc/PID as fs/proc/base.c and array.c make it: directories looked up and listed
 * from the task list of the moment, and files in Linux 6.18's layouts, checked
 * against what Linux printed for ksoftirqd/0 and for a user process (sleep).
 */
class ProcPidTest {

    /** RAM for which fork_init's max_threads is the sample machine's threads-max, 192731. */
    private static final long SAMPLE_RAM = 192_731L * 131_072;

    private final ProcFixture fx = new ProcFixture();
    private final FakeScheduler sched = new FakeScheduler();
    private final FakeTask kthreadd = new FakeTask(2, "kthreadd", null, 0, 1);
    private final FakeTask ksoftirqd = new FakeTask(14, "ksoftirqd/0", kthreadd, 0);
    private final ProcBase base;

    ProcPidTest() throws ErrnoException {
        fx.procFs(ProcFixture.KERNEL).createSingle("uptime", m -> m.puts("1.00 2.00\n"));
        ksoftirqd.stime = 50_000_000L;
        ksoftirqd.startTime = 250_000_000L;
        ksoftirqd.nvcsw = 740;
        ksoftirqd.nivcsw = 72;
        sched.tasks.add(kthreadd);
        sched.tasks.add(ksoftirqd);
        base = new ProcBase(fx.type.tree(), sched, new TaskArray.Machine(2, SAMPLE_RAM));
    }

    private static String sample(String path) throws IOException {
        try (InputStream in = ProcPidTest.class.getResourceAsStream("/linux-samples/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aKernelThreadsStatIsLinuxsToTheByte() throws Exception {
        assertEquals(sample("KTHREAD/stat"), cat(fx.proc, "14/stat"));
    }

    @Test
    void statHasLinuxs52FieldsForAUserTaskToo() throws Exception {
        FakeTask sleep = new FakeTask(5945, "sleep", kthreadd, 0, 1);
        sleep.kthread = false;
        sched.tasks.add(sleep);
        String stat = cat(fx.proc, "5945/stat");
        assertEquals(sample("PID/stat").split(" ").length, stat.split(" ").length);
        assertEquals(52, stat.split(" ").length);
        assertTrue(stat.endsWith(" 0\n"));
        assertTrue(stat.startsWith("5945 (sleep) S 2 0 0 0 -1 4194304 "), stat);
    }

    @Test
    void aKernelThreadsStatusIsLinuxsWithRiscvSpeculationLines() throws Exception {
        String expected = sample("KTHREAD/status")
                .replace("Speculation_Store_Bypass:\tvulnerable", "Speculation_Store_Bypass:\tunknown")
                .replace("SpeculationIndirectBranch:\talways enabled", "SpeculationIndirectBranch:\tunsupported");
        assertEquals(expected, cat(fx.proc, "14/status"));
    }

    @Test
    void statusLinesComeInTheOrderOfAUserProcessesWithoutTheAddressSpaceOnes() throws Exception {
        List<String> linux = sample("PID/status").lines().map(l -> l.substring(0, l.indexOf(':'))).toList();
        List<String> ours = cat(fx.proc, "14/status").lines().map(l -> l.substring(0, l.indexOf(':'))).toList();
        List<String> mmLines = List.of("VmPeak", "VmSize", "VmLck", "VmPin", "VmHWM", "VmRSS", "RssAnon", "RssFile",
                "RssShmem", "VmData", "VmStk", "VmExe", "VmLib", "VmPTE", "VmSwap", "HugetlbPages", "CoreDumping",
                "THP_enabled", "untag_mask");
        assertEquals(linux.stream().filter(l -> !mmLines.contains(l)).toList(), ours);
        assertTrue(cat(fx.proc, "14/status").lines().allMatch(l -> l.matches("[A-Za-z_]+:\t.*")));
    }

    @Test
    void statmOfATaskWithoutAnAddressSpaceIsSevenZeros() throws Exception {
        assertEquals(sample("PID/statm").split(" ").length, cat(fx.proc, "14/statm").split(" ").length);
        assertEquals("0 0 0 0 0 0 0\n", cat(fx.proc, "14/statm"));
    }

    @Test
    void commIsTheNameAndCmdlineOfAKernelThreadIsEmpty() throws Exception {
        assertEquals(sample("KTHREAD/comm"), cat(fx.proc, "14/comm"));
        assertEquals("", cat(fx.proc, "14/cmdline"));
    }

    @Test
    void schedIsWhatTheSchedulerPrints() throws Exception {
        assertEquals("ksoftirqd/0 (14, #threads: 1)\n", cat(fx.proc, "14/sched"));
    }

    @Test
    void commAndSchedAreWritableByModeButRefuseWritesFromOthers() throws Exception {
        assertEquals("-rw-r--r--", FileMode.toLsString(walk(fx.proc, "14/comm").mode()));
        assertEquals("-rw-r--r--", FileMode.toLsString(walk(fx.proc, "14/sched").mode()));
        assertEquals("-r--r--r--", FileMode.toLsString(walk(fx.proc, "14/stat").mode()));
        assertEquals(Errno.EINVAL, assertThrows(ErrnoException.class, () -> echo(fx.proc, "14/comm", "x\n")).errno());
        assertEquals("ksoftirqd/0\n", cat(fx.proc, "14/comm"));
    }

    @Test
    void flagsSayWhatTheTaskIs() {
        assertEquals(0x208040, TaskArray.flags(kthreadd, 2), "an unbound kernel thread");
        assertEquals(0x4208040, TaskArray.flags(ksoftirqd, 2), "a kernel thread bound to one CPU");
    }

    @Test
    void priorityNiceAndPolicyAreTaskPrioNiceAndTheNumber() throws Exception {
        FakeTask migration = new FakeTask(18, "migration/0", kthreadd, 0);
        migration.policy = SchedPolicy.FIFO;
        migration.rtPriority = 99;
        FakeTask kworker = new FakeTask(4, "kworker/R-rcu_g", kthreadd, 0, 1);
        kworker.nice = -20;
        kworker.state = TaskState.IDLE;
        kworker.cpu = 1;
        sched.tasks.add(migration);
        sched.tasks.add(kworker);
        String[] m = cat(fx.proc, "18/stat").split(" ");
        assertEquals("-100", m[17]);
        assertEquals("0", m[18]);
        assertEquals("99", m[39]);
        assertEquals("1", m[40]);
        String[] k = cat(fx.proc, "4/stat").split(" ");
        assertEquals("I", k[2]);
        assertEquals("0", k[17]);
        assertEquals("-20", k[18]);
        assertEquals("1", k[38]);
        assertTrue(cat(fx.proc, "4/status").contains("\nState:\tI (idle)\n"));
    }

    @Test
    void cpuMasksArePrintedAsLinuxsBitmaps() {
        BitSet two = new BitSet();
        two.set(0, 2);
        assertEquals("3", TaskArray.bitmapHex(two, 2));
        assertEquals("0-1", TaskArray.bitmapList(two));
        BitSet odd = new BitSet();
        odd.set(0);
        odd.set(2, 5);
        odd.set(39);
        assertEquals("80,0000001d", TaskArray.bitmapHex(odd, 40));
        assertEquals("0,2-4,39", TaskArray.bitmapList(odd));
        BitSet one = new BitSet();
        one.set(0);
        assertEquals(sampleMemsAllowed(), "Mems_allowed:\t" + TaskArray.bitmapHex(one, 1024));
    }

    private static String sampleMemsAllowed() {
        try {
            return sample("KTHREAD/status").lines().filter(l -> l.startsWith("Mems_allowed:")).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    @Test
    void theRootListsRegisteredEntriesThenSelfThenThePids() throws Exception {
        assertEquals(List.of("uptime", "self", "2", "14"), ls(fx.proc, ""));
        assertEquals(List.of("status", "sched", "comm", "cmdline", "stat", "statm"), ls(fx.proc, "14"));
        assertEquals("dr-xr-xr-x", FileMode.toLsString(walk(fx.proc, "14").mode()));
        assertEquals(2 + 2, fx.proc.nlink(), "the root's links count the processes");
    }

    @Test
    void onlyPidsOfLiveTasksAreFoundAndNoIdleTask() throws Exception {
        sched.tasks.add(new FakeTask(0, "swapper/0", null, 0));
        assertNull(fx.proc.lookup("0"));
        assertNull(fx.proc.lookup("3"));
        assertNull(fx.proc.lookup("014"));
        assertNull(fx.proc.lookup("1x"));
        assertNull(fx.proc.lookup("99999999999"));
        assertEquals(List.of("uptime", "self", "2", "14"), ls(fx.proc, ""));
    }

    @Test
    void aTaskThatExitsBetweenReaddirAndLookupIsNotFound() throws Exception {
        assertTrue(ls(fx.proc, "").contains("14"));
        sched.tasks.remove(ksoftirqd);
        assertEquals(Errno.ENOENT, assertThrows(ErrnoException.class, () -> walk(fx.proc, "14")).errno());
        assertEquals(List.of("uptime", "self", "2"), ls(fx.proc, ""));
    }

    @Test
    void aDirectoryOrFileHeldPastItsTasksExit() throws Exception {
        Inode dir = walk(fx.proc, "14");
        FileOperations stat = walk(fx.proc, "14/stat").open(OpenFlags.O_RDONLY);
        sched.tasks.remove(ksoftirqd);
        assertNull(dir.lookup("stat"));
        assertEquals(Errno.ENOENT, assertThrows(ErrnoException.class, dir::readdir).errno());
        assertEquals(Errno.ESRCH,
                assertThrows(ErrnoException.class, () -> stat.read(ByteBuffer.allocate(100), 0)).errno());
    }

    @Test
    void aPidReusedByAnotherTaskIsANewDirectory() throws Exception {
        Inode old = walk(fx.proc, "14");
        sched.tasks.remove(ksoftirqd);
        FakeTask again = new FakeTask(14, "kworker/0:1", kthreadd, 0, 1);
        sched.tasks.add(again);
        assertNull(old.lookup("comm"));
        assertEquals("kworker/0:1\n", cat(fx.proc, "14/comm"));
    }

    @Test
    void selfPointsAtTheReadersTaskAndIsENOENTForAThreadThatIsNoTask() throws Exception {
        Inode self = walk(fx.proc, "self");
        assertEquals("lrwxrwxrwx", FileMode.toLsString(self.mode()));
        assertEquals(Errno.ENOENT, assertThrows(ErrnoException.class, self::readlink).errno());
        sched.current = ksoftirqd;
        assertEquals("14", self.readlink());
    }

    @Test
    void withoutTheSchedulerThereAreNoPidDirectories() throws Exception {
        base.deactivate();
        assertEquals(List.of("uptime"), ls(fx.proc, ""));
        assertNull(fx.proc.lookup("14"));
        assertNull(fx.proc.lookup("self"));
    }

    @Test
    void statusEscapesNewlinesAndBackslashesInTheName() {
        assertEquals("a\\\\b\\nc", TaskArray.escapeName("a\\b\nc"));
    }
}
