package org.modux.kernel.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.modux.fs.sysfs.impl.SysfsFiles.cat;
import static org.modux.fs.sysfs.impl.SysfsFiles.echo;
import static org.modux.fs.sysfs.impl.SysfsFiles.walk;

import org.junit.jupiter.api.Test;
import org.modux.fs.FileMode;
import org.modux.fs.proc.impl.ProcFixture;
import org.modux.kernel.Taint;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/** /proc/sys/kernel/tainted (Linux: kernel/panic.c proc_taint): the mask in decimal; a write can only add flags. */
class ProcTaintedTest {

    private final ProcFixture fx = new ProcFixture();
    private final Taints taints = fx.taints;
    private final ProcTainted component;

    ProcTaintedTest() throws ErrnoException {
        component = new ProcTainted(fx.sysctl(ProcFixture.KERNEL), taints);
    }

    private String tainted() throws ErrnoException {
        return cat(fx.proc, "sys/kernel/tainted");
    }

    @Test
    void anUntaintedKernelReadsZero() throws ErrnoException {
        assertEquals("0\n", tainted());
        assertEquals("-rw-r--r--", FileMode.toLsString(walk(fx.proc, "sys/kernel/tainted").mode()));
    }

    @Test
    void theFileShowsTheMaskInDecimal() throws ErrnoException {
        taints.add(Taint.OOT_MODULE);
        taints.add(Taint.UNSIGNED_MODULE);
        assertEquals("12288\n", tainted());
    }

    @Test
    void aWriteOrsFlagsInAndCanNeverClearThem() throws ErrnoException {
        echo(fx.proc, "sys/kernel/tainted", "4097\n");
        assertEquals("4097\n", tainted());
        assertEquals(Taint.PROPRIETARY_MODULE.bit() | Taint.OOT_MODULE.bit(), taints.mask());

        echo(fx.proc, "sys/kernel/tainted", "0\n");
        assertEquals("4097\n", tainted());
        echo(fx.proc, "sys/kernel/tainted", "512");
        assertEquals("4609\n", tainted());
    }

    @Test
    void bitsAboveTheLastFlagAreIgnored() throws ErrnoException {
        echo(fx.proc, "sys/kernel/tainted", Long.toString(1L << 20 | 1));
        assertEquals("1\n", tainted());
    }

    @Test
    void aWriteThatIsNotANumberIsEinvalAndChangesNothing() throws ErrnoException {
        taints.add(Taint.WARN);
        for (String bad : new String[] {"abc", "-1", "12abc", "0x10"}) {
            ErrnoException e = assertThrows(ErrnoException.class, () -> echo(fx.proc, "sys/kernel/tainted", bad), bad);
            assertEquals(Errno.EINVAL, e.errno(), bad);
            assertEquals("512\n", tainted());
        }
    }

    @Test
    void deactivationRemovesTheFile() throws ErrnoException {
        component.deactivate();
        assertThrows(ErrnoException.class, () -> walk(fx.proc, "sys/kernel/tainted"));
    }
}
