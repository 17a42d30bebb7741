package org.modux.usr.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;
import org.modux.fs.impl.TestKernel;
import org.modux.kernel.sysctl.CtlTable;
import org.modux.uapi.ErrnoException;

/** sysctl -w as init's /etc/sysctl.conf handling uses it: procps-ng's messages for each failure. */
class SysctlToolTest {

    private final TestKernel kernel = new TestKernel();
    private final SysctlTool sysctl = new SysctlTool(kernel.vfs);
    private final AtomicIntegerArray printk = new AtomicIntegerArray(new int[] {7, 4, 1, 7});

    SysctlToolTest() throws ErrnoException {
        kernel.sysctl.register("kernel", CtlTable.intVec("printk", 0644, printk, 0, 15),
                CtlTable.readOnly("ostype", () -> "Linux"));
    }

    @Test
    void aGoodSettingIsWrittenAndNothingIsSaid() {
        assertNull(sysctl.apply("kernel.printk", "4 4 1 7"));
        assertEquals("[4, 4, 1, 7]", printk.toString());
        assertNull(sysctl.apply("kernel/printk", "3"));
        assertEquals(3, printk.get(0));
    }

    @Test
    void aMissingKeyCannotBeStated() {
        assertEquals("sysctl: cannot stat /proc/sys/x/y: No such file or directory", sysctl.apply("x.y", "1"));
    }

    @Test
    void aReadOnlyKeyIsPermissionDenied() {
        assertEquals("sysctl: permission denied on key 'kernel.ostype'", sysctl.apply("kernel.ostype", "Hurd"));
        assertEquals("sysctl: permission denied on key 'kernel.ostype'", sysctl.apply("kernel/ostype", "Hurd"));
    }

    @Test
    void aValueTheKernelRefusesIsAnInvalidArgument() {
        assertEquals("sysctl: setting key \"kernel.printk\": Invalid argument", sysctl.apply("kernel.printk", "x"));
        assertEquals("sysctl: setting key \"kernel.printk\": Invalid argument",
                sysctl.apply("kernel.printk", "1 2 3 4 5"));
        assertEquals("[7, 4, 1, 7]", printk.toString());
    }
}
