package org.modux.usr.procps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** uptime's line, against procps-ng's on Linux 6.18, and nproc's sources. */
class UptimeTest {

    @TempDir
    Path dir;

    /** 2026-11-22 10:27:52 UTC. */
    private static final long NOW = 1_795_343_272L;

    @Test
    void theLineIsProcpss() throws Exception {
        assertEquals(FakeProc.sample("tools/uptime.txt"),
                Uptime.line(NOW, ZoneOffset.UTC, 1391.12, 0, new double[] {0.28, 0.78, 0.85}) + "\n");
    }

    @Test
    void upTimesInEachForm() {
        assertEquals("0 min", Uptime.since(59, false));
        assertEquals(" 1:05", Uptime.since(3900, false));
        assertEquals("1 day, 23 min", Uptime.since(86400 + 1380, false));
        assertEquals("3 days, 10:00", Uptime.since(3 * 86400 + 36000, false));
        assertEquals("up 1 hour, 5 minutes", Uptime.pretty(3900));
        assertEquals("up 0 minute", Uptime.pretty(30));
        assertEquals("2026-11-22 10:04:40", Uptime.since(NOW, ZoneOffset.UTC, 1391.12));
    }

    @Test
    void withoutLoadavgTheAveragesAreZero() throws Exception {
        FakeProc proc = new FakeProc(dir);
        ProcReader r = new ProcReader(proc.root);
        assertEquals(" 10:27:52 up 23 min,  0 user,  load average: 0.00, 0.00, 0.00",
                Uptime.line(NOW, ZoneOffset.UTC, r.uptime(), 0, r.loadavg().orElse(new double[3])));
        Files.writeString(dir.resolve("proc/loadavg"), "0.37 0.82 0.86 2/82 5845\n");
        assertEquals(" 10:27:52 up 23 min,  2 users,  load average: 0.37, 0.82, 0.86",
                Uptime.line(NOW, ZoneOffset.UTC, r.uptime(), 2, r.loadavg().orElseThrow()));
    }

    @Test
    void nprocCountsSysfsThenProcStatThenSaysOne() throws Exception {
        FakeProc proc = new FakeProc(dir);
        Nproc n = new Nproc(proc.root);
        assertEquals(1, n.online());
        Files.writeString(dir.resolve("proc/stat"), "cpu  1 2 3\ncpu0 1 1 1\ncpu1 0 1 2\nintr 0\n");
        assertEquals(2, n.online());
        assertEquals(2, n.all());
        Files.createDirectories(dir.resolve("sys/devices/system/cpu/cpu0"));
        Files.writeString(dir.resolve("sys/devices/system/cpu/online"), "0-2,4\n");
        Files.writeString(dir.resolve("sys/devices/system/cpu/possible"), "0-7\n");
        assertEquals(4, n.online());
        assertEquals(8, n.all());
    }
}
