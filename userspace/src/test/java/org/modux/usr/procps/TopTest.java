package org.modux.usr.procps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * top -b's frames over a fake /proc. The first test's /proc is what a Linux 6.x
 * machine (Debian 12) had, read together with procps-ng 4.0.2's
 * {@code top -b -n 1} there, which printed the expected lines.
 */
class TopTest {

    @TempDir
    Path dir;

    /** 2026-11-23 19:28:30 UTC. */
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_795_462_110L), ZoneOffset.UTC);

    private static final String IDLE_CPUS = "cpu  100 0 200 5000 0 0 0 0 0 0\ncpu0 50 0 100 2500 0 0 0 0 0 0\n"
            + "cpu1 50 0 100 2500 0 0 0 0 0 0\nbtime 1795432230\n";

    private FakeProc proc(String stat) throws Exception {
        FakeProc proc = new FakeProc(dir);
        Files.writeString(dir.resolve("proc/uptime"), "29883.47 58000.12\n");
        Files.writeString(dir.resolve("proc/loadavg"), "3.52 2.21 1.65 1/150 12345\n");
        Files.writeString(dir.resolve("proc/stat"), stat);
        return proc;
    }

    /** Writes /proc/uptime {@code seconds} on from the first frame's. */
    private void later(double seconds) throws Exception {
        Files.writeString(dir.resolve("proc/uptime"), String.format("%.2f 58000.12%n", 29883.47 + seconds));
    }

    private static String frame(Top top) throws Exception {
        return top.frame(() -> { });
    }

    @Test
    void theFirstFrameIsProcpss() throws Exception {
        FakeProc proc = proc(IDLE_CPUS);
        proc.process("1 (process_api) S 0 0 0 0 -1 4194560 115275 208290346 0 72375 608 787 2776692 259385 10 -10 11 0"
                + " 14 34312192 2158 18446744073709551615 1 1 0 0 0 0 0 4096 1256 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0",
                "8377 2153 1490 1350 0 6513 0");
        proc.process("2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 14 0 0 18446744073709551615 0 0 0 0 0 0"
                + " 0 2147483647 0 1 0 0 0 1 0 0 0 0 0 0 0 0 0 0 0 0 0", "0 0 0 0 0 0 0");
        proc.process("4 (kworker/R-rcu_gp) I 2 0 0 0 -1 69238880 0 0 0 0 0 0 0 0 0 -20 1 0 14 0 0 18446744073709551615"
                + " 0 0 0 0 0 0 0 2147483647 0 1 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0", "0 0 0 0 0 0 0");
        proc.process("12 (kworker/u8:0-ext4-rsv-conversion) I 2 0 0 0 -1 69239136 0 0 0 0 0 2440 0 0 20 0 1 0 14 0 0"
                + " 18446744073709551615 0 0 0 0 0 0 0 2147483647 0 1 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0",
                "0 0 0 0 0 0 0");
        proc.process("14 (ksoftirqd/0) S 2 0 0 0 -1 69238848 0 0 0 0 26 162 0 0 20 0 1 0 14 0 0 18446744073709551615 0"
                + " 0 0 0 0 0 0 2147483647 0 1 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0", "0 0 0 0 0 0 0");
        proc.process("18 (migration/0) S 2 0 0 0 -1 69238848 0 0 0 0 0 29 0 0 -100 0 1 0 14 0 0 18446744073709551615 0"
                + " 0 0 0 0 0 0 2147483647 0 1 0 0 17 0 99 1 0 0 0 0 0 0 0 0 0 0 0", "0 0 0 0 0 0 0");
        Files.writeString(dir.resolve("proc/meminfo"), """
                MemTotal:       24683656 kB
                MemFree:        23591960 kB
                MemAvailable:   23855976 kB
                Buffers:            8844 kB
                Cached:           393216 kB
                SwapCached:            0 kB
                SwapTotal:             0 kB
                SwapFree:              0 kB
                SReclaimable:     165444 kB
                HugePages_Total:       0
                """);
        Top top = new Top(new ProcReader(proc.root), 80, CLOCK);
        assertEquals("""
                top - 19:28:30 up  8:18,  0 user,  load average: 3.52, 2.21, 1.65
                Tasks:   6 total,   0 running,   6 sleeping,   0 stopped,   0 zombie
                %Cpu(s):  0.0 us,  0.0 sy,  0.0 ni,100.0 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st\s
                MiB Mem :  24105.1 total,  23039.0 free,    808.3 used,    554.2 buff/cache    \s
                MiB Swap:      0.0 total,      0.0 free,      0.0 used.  23296.9 avail Mem\s

                  PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND
                    1 root      10 -10   33508   8612   5960 S   0.0   0.0   0:13.95 process_a+
                    2 root      20   0       0      0      0 S   0.0   0.0   0:00.00 kthreadd
                    4 root       0 -20       0      0      0 I   0.0   0.0   0:00.00 kworker/R+
                   12 root      20   0       0      0      0 I   0.0   0.0   0:24.40 kworker/u+
                   14 root      20   0       0      0      0 S   0.0   0.0   0:01.88 ksoftirqd+
                   18 root      rt   0       0      0      0 S   0.0   0.0   0:00.29 migration+
                """, frame(top));
    }

    /** Modux's kernel threads: kthreadd, ksoftirqd/0 and a kworker, as its procfs writes them. */
    private FakeProc modux(String stat) throws Exception {
        FakeProc proc = proc(stat);
        proc.kthread(2, 0, "kthreadd", 'S', 20, 0, 0, 0, 0, 0, 12);
        proc.kthread(3, 2, "ksoftirqd/0", 'S', 20, 0, 0, 0, 0, 5, 340);
        proc.kthread(5, 2, "kworker/0:0", 'I', 20, 0, 0, 0, 0, 5, 7);
        return proc;
    }

    @Test
    void withoutMeminfoThereAreNoMemoryLinesAndTheCpuLineIsTheChangeSinceStartUp() throws Exception {
        modux(IDLE_CPUS);
        Top top = new Top(new ProcReader(dir), 80, CLOCK);
        Files.writeString(dir.resolve("proc/stat"), "cpu  110 0 230 5060 0 0 0 0 0 0\ncpu0 60 0 130 2500 0 0 0 0 0 0\n"
                + "cpu1 50 0 100 2560 0 0 0 0 0 0\n");
        assertEquals("""
                top - 19:28:30 up  8:18,  0 user,  load average: 3.52, 2.21, 1.65
                Tasks:   3 total,   0 running,   3 sleeping,   0 stopped,   0 zombie
                %Cpu(s): 10.0 us, 30.0 sy,  0.0 ni, 60.0 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st\s

                  PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND
                    2 root      20   0       0      0      0 S   0.0   0.0   0:00.12 kthreadd
                    3 root      20   0       0      0      0 S   0.0   0.0   0:03.40 ksoftirqd+
                    5 root      20   0       0      0      0 I   0.0   0.0   0:00.07 kworker/0+
                """, frame(top));
    }

    @Test
    void busyTasksComeFirstWithTheirTicksOverTheTimeBetweenTheLooks() throws Exception {
        FakeProc proc = modux(IDLE_CPUS);
        Top top = new Top(new ProcReader(dir), 80, CLOCK);
        AtomicInteger pauses = new AtomicInteger();
        String first = top.frame(() -> {
            pauses.incrementAndGet();
            try {
                later(0.5);
                proc.kthread(3, 2, "ksoftirqd/0", 'R', 20, 0, 0, 0, 0, 5, 340 + 15);
                proc.kthread(5, 2, "kworker/0:0", 'I', 20, 0, 0, 0, 0, 5, 7 + 3);
                proc.kthread(2, 0, "kthreadd", 'S', 20, 0, 0, 0, 0, 0, 12 + 80);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(first.endsWith("""
                  PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND
                    2 root      20   0       0      0      0 S 100.0   0.0   0:00.92 kthreadd
                    3 root      20   0       0      0      0 R  30.0   0.0   0:03.55 ksoftirqd+
                    5 root      20   0       0      0      0 I   6.0   0.0   0:00.10 kworker/0+
                """), first);
        assertTrue(first.contains("\nTasks:   3 total,   1 running,   2 sleeping,   0 stopped,   0 zombie\n"), first);
        later(3.5);
        proc.kthread(5, 2, "kworker/0:0", 'I', 20, 0, 0, 0, 0, 5, 10 + 60);
        String second = top.frame(() -> {
            throw new AssertionError("only the first frame looks twice");
        });
        assertTrue(second.endsWith("""
                    5 root      20   0       0      0      0 I  20.0   0.0   0:00.70 kworker/0+
                    2 root      20   0       0      0      0 S   0.0   0.0   0:00.92 kthreadd
                    3 root      20   0       0      0      0 R   0.0   0.0   0:03.55 ksoftirqd+
                """), second);
        assertEquals(1, pauses.get());
    }

    @Test
    void linesAreCutAtTheScreenAndCommandTakesWhatIsLeft() throws Exception {
        FakeProc proc = modux(IDLE_CPUS);
        proc.kthread(7, 2, "kworker/u8:0-ext4-rsv-conversion", 'I', 20, 0, 0, 0, 0, 5, 0);
        assertEquals("""
                top - 19:28:30 up  8:18,  0 user,  load\s
                Tasks:   4 total,   0 running,   4 sleep
                %Cpu(s):  0.0 us,  0.0 sy,  0.0 ni,100.0

                  PID USER      PR  NI    VIRT    RES
                    2 root      20   0       0      0
                    3 root      20   0       0      0
                    5 root      20   0       0      0
                    7 root      20   0       0      0
                """, frame(new Top(new ProcReader(dir), 40, CLOCK)));
        String wide = frame(new Top(new ProcReader(dir), 120, CLOCK));
        assertTrue(wide.endsWith("   0:00.00 kworker/u8:0-ext4-rsv-conversion\n"), wide);
        assertTrue(frame(new Top(new ProcReader(dir), 81, CLOCK)).endsWith("   0:00.00 kworker/u8+\n"));
    }

    @Test
    void numbersScaleAsTopScalesThem() {
        assertEquals("0:13.95", Top.scaleTics(1395, 9));
        assertEquals("61:01.50", Top.scaleTics(366150, 9));
        assertEquals("6,40", Top.scaleTics(2_400_000, 9));
        assertEquals("5d+0h", Top.scaleTics(43_200_000, 9));
        assertEquals("4w+2d", Top.scaleTics(259_200_000, 9));
        assertEquals("33508", Top.scaleMem(33508, 7));
        assertEquals("8885580", Top.scaleMem(8885580, 7));
        assertEquals("11.8g", Top.scaleMem(12_345_678, 7));
        assertEquals("100.0", Top.scalePcnt(100.0f, 5));
        assertEquals(" 1234", Top.scalePcnt(1234.5f, 5));
        assertEquals("0.2", Top.fixed(0.25, 1));
        assertEquals("2.67", Top.fixed(2.675, 2));
        assertEquals("kworker/u+", Top.plus("kworker/u8:0", 10));
        assertEquals(99.9f, Top.cpuMax(1));
        assertEquals(200.0f, Top.cpuMax(2));
        assertEquals(999.9f, Top.cpuMax(10));
    }

    @Test
    void iterationsAndDelayAreReadAsTopReadsThem() {
        assertEquals(OptionalInt.of(1), Top.iterations("1"));
        assertEquals(OptionalInt.of(1), Top.iterations(" +1"));
        assertEquals(OptionalInt.of(16), Top.iterations("0x10"));
        assertEquals(OptionalInt.of(8), Top.iterations("010"));
        assertEquals(OptionalInt.empty(), Top.iterations("0"));
        assertEquals(OptionalInt.empty(), Top.iterations("abc"));
        assertEquals(OptionalInt.empty(), Top.iterations("1.5"));
        assertEquals(OptionalDouble.of(0.5), Top.delay("0.5"));
        assertEquals(OptionalDouble.of(0.5), Top.delay("0,5"));
        assertEquals(OptionalDouble.of(-1), Top.delay("-1"));
        assertEquals(OptionalDouble.empty(), Top.delay("abc"));
    }
}
