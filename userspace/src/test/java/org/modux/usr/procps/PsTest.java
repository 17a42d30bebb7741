package org.modux.usr.procps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ps over a /proc of kernel threads, against what procps-ng printed on Linux 6.18 for the same threads. */
class PsTest {

    @TempDir
    Path dir;

    /** 2026-11-22 10:27:52 UTC, 1391 s after boot. */
    private static final long NOW = 1_795_343_272L;

    private Ps.Env env(ProcReader r) throws Exception {
        return new Ps.Env(NOW, r.bootTime(NOW), r.uptime(), r.pidLength(), 0, r.selfTty(), Integer.MAX_VALUE,
                ZoneOffset.UTC);
    }

    private String ps(FakeProc proc, String... args) throws Exception {
        ProcReader r = new ProcReader(proc.root);
        return Ps.parse(env(r), args).render(r.processes());
    }

    @Test
    void psEoPrintsWhatProcpsPrints() throws Exception {
        FakeProc proc = new FakeProc(dir);
        String linux = FakeProc.sample("tools/ps-eo.txt");
        proc.fromPsEo(linux);
        assertEquals(linux, ps(proc, "-eo", "pid,ppid,stat,ni,pri,psr,comm"));
        assertEquals(linux, ps(proc, "-e", "-o", "pid,ppid,stat,ni,pri,psr,comm"));
    }

    @Test
    void psEPrintsWhatProcpsPrints() throws Exception {
        FakeProc proc = new FakeProc(dir);
        String linux = FakeProc.sample("tools/ps-e.txt");
        proc.fromPsEo(FakeProc.sample("tools/ps-eo.txt").replace("kworker/u8:0-ext4-rsv-conversion",
                "kworker/u8:0-writeback"));
        assertEquals(linux, ps(proc, "-e"));
        assertEquals(linux, ps(proc, "-A"));
    }

    @Test
    void withoutOptionsTheRootsProcessesWithoutATerminalAreTheConsoles() throws Exception {
        FakeProc proc = new FakeProc(dir);
        proc.kthread(2, 0, "kthreadd", 'S', 20, 0, 0, 0, 0, 0, 0);
        assertEquals("  PID TTY          TIME CMD\n    2 ?        00:00:00 kthreadd\n", ps(proc));
    }

    @Test
    void psEfShowsKernelThreadsInBrackets() throws Exception {
        FakeProc proc = new FakeProc(dir);
        proc.kthread(2, 0, "kthreadd", 'S', 20, 0, 0, 0, 0, 0, 12);
        proc.kthread(14, 2, "ksoftirqd/0", 'S', 20, 0, 0, 0, 0, 25, 5);
        assertEquals("""
                UID        PID  PPID  C STIME TTY          TIME CMD
                root         2     0  0 10:04 ?        00:00:00 [kthreadd]
                root        14     2  0 10:04 ?        00:00:00 [ksoftirqd/0]
                """, ps(proc, "-ef"));
    }

    @Test
    void psAxIsTheBsdFormat() throws Exception {
        FakeProc proc = new FakeProc(dir);
        proc.kthread(2, 0, "kthreadd", 'S', 20, 0, 0, 0, 0, 0, 0);
        proc.kthread(4, 2, "kworker/R-rcu_g", 'I', 0, -20, 0, 0, 0, 0, 6100);
        assertEquals("""
                  PID TTY      STAT   TIME COMMAND
                    2 ?        S      0:00 [kthreadd]
                    4 ?        I<     1:01 [kworker/R-rcu_g]
                """, ps(proc, "ax"));
    }

    @Test
    void pidColumnsAreAsWideAsPidMax() throws Exception {
        FakeProc proc = new FakeProc(dir);
        Files.createDirectories(dir.resolve("proc/sys/kernel"));
        Files.writeString(dir.resolve("proc/sys/kernel/pid_max"), "4194304\n");
        proc.kthread(2, 0, "kthreadd", 'S', 20, 0, 0, 0, 0, 0, 0);
        assertEquals("    PID TTY          TIME CMD\n      2 ?        00:00:00 kthreadd\n", ps(proc, "-e"));
    }

    @Test
    void aColumnThatOverflowsPushesTheRestAndTheLastIsCutAtTheScreen() throws Exception {
        FakeProc proc = new FakeProc(dir);
        proc.kthread(2, 0, "kthreadd", 'S', 20, 0, 0, 0, 0, 0, 0);
        ProcReader r = new ProcReader(proc.root);
        Ps.Env narrow = new Ps.Env(NOW, r.bootTime(NOW), r.uptime(), 5, 0, 0, 20, ZoneOffset.UTC);
        assertEquals("  PID TT       STAT\n    2 ?        S\n", Ps.parse(narrow, "-eo", "pid,tty,stat").render(r.processes()));
        assertEquals("COMMAND           PID\nkthreadd            2\n",
                Ps.parse(narrow, "-eo", "comm,pid").render(r.processes()));
        assertEquals("  PID COMMAND\n    2 kthreadd\n", Ps.parse(narrow, "-eo", "pid,comm").render(r.processes()));
        Ps.Env tiny = new Ps.Env(NOW, r.bootTime(NOW), r.uptime(), 5, 0, 0, 10, ZoneOffset.UTC);
        assertEquals("  PID COMM\n    2 kthr\n", Ps.parse(tiny, "-eo", "pid,comm").render(r.processes()));
    }

    @Test
    void aHeaderCanBeRenamedAndUnknownOptionsAreProcpsErrors() throws Exception {
        FakeProc proc = new FakeProc(dir);
        proc.kthread(2, 0, "kthreadd", 'S', 20, 0, 0, 0, 0, 0, 0);
        assertEquals("  PID NAME\n    2 kthreadd\n", ps(proc, "-eo", "pid,comm=NAME"));
        ProcReader r = new ProcReader(proc.root);
        assertEquals("unsupported SysV option",
                assertThrows(Ps.UsageException.class, () -> Ps.parse(env(r), "-z")).getMessage());
        assertEquals("unsupported option (BSD syntax)",
                assertThrows(Ps.UsageException.class, () -> Ps.parse(env(r), "q")).getMessage());
        assertEquals("unknown user-defined format specifier \"bogus\"",
                assertThrows(Ps.UsageException.class, () -> Ps.parse(env(r), "-o", "bogus")).getMessage());
    }

    @Test
    void aProcessThatVanishesWhileBeingReadIsSkipped() throws Exception {
        FakeProc proc = new FakeProc(dir);
        proc.kthread(2, 0, "kthreadd", 'S', 20, 0, 0, 0, 0, 0, 0);
        Files.createDirectories(dir.resolve("proc/7"));
        assertEquals(1, new ProcReader(proc.root).processes().size());
    }

    @Test
    void aCommandWithSpacesAndParenthesesDoesNotShiftTheFields() {
        Proc p = ProcReader.parse("9 (a) b (c) R 2 0 0 0 -1 0 0 0 0 0 1 2 0 0 20 0 1 0 5 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 17 1"
                + " 0 0 0 0 0 0 0 0 0 0 0 0 0\n", "Uid:\t0\t7\t0\t0\n", "x\0y\0".getBytes());
        assertEquals("a) b (c", p.comm());
        assertEquals('R', p.state());
        assertEquals(1, p.processor());
        assertEquals(7, p.euid());
        assertEquals("x y", p.cmdline());
    }
}
