package org.modux.kernel.printk.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.modux.kernel.sysctl.CtlTable;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

class PrintkSysctlTest {

    private final FakeSysctl sysctl = new FakeSysctl();

    private KernelLog boot(String commandLine) throws ErrnoException {
        KernelLog log = KernelLogs.boot(new FakeMachine(commandLine));
        new PrintkSysctl(sysctl, log);
        return log;
    }

    private CtlTable printk() {
        return sysctl.tables.get("kernel/printk");
    }

    @Test
    void printkShowsTheFourLevelsTabSeparated() throws ErrnoException {
        boot("");
        assertEquals("7\t4\t1\t7", printk().handler().read());
        assertEquals(0644, printk().mode());
    }

    @Test
    void printkReadsLikeLinuxBootedQuiet() throws ErrnoException {
        boot("quiet");
        // /proc/sys/kernel/printk of a Linux 6.18 booted with quiet: "4\t4\t1\t7\n"; the
        // newline is the sysctl file's.
        assertEquals("4\t4\t1\t7", printk().handler().read());
    }

    @Test
    void writingConsoleLoglevelChangesWhatReachesTheConsole() throws ErrnoException {
        KernelLog log = boot("");
        MemoryConsole console = new MemoryConsole("mem0");
        log.registerConsole(console);
        PrintkLogger printk = new PrintkLogger(log, "kernel");

        printk().handler().write("8\n");
        printk.prDebug("debug shown");
        printk().handler().write("1");
        printk.prErr("error kept back");

        assertEquals("1\t4\t1\t7", printk().handler().read());
        assertTrue(console.text().endsWith("] debug shown\n"));
        assertEquals(1, new KernelSyslog(log).consoleLevel());
    }

    @Test
    void syslogAndTheSysctlAreTheSameState() throws ErrnoException {
        KernelLog log = boot("");
        new KernelSyslog(log).setConsoleLevel(3);
        assertEquals("3\t4\t1\t7", printk().handler().read());
    }

    @Test
    void aBadWriteIsEinvalAndKeepsTheOldValues() throws ErrnoException {
        boot("");
        for (String bad : new String[] {"16", "-1", "3 4 x", "1 2 3 4 5", "", "seven"}) {
            ErrnoException e = assertThrows(ErrnoException.class, () -> printk().handler().write(bad), bad);
            assertEquals(Errno.EINVAL, e.errno());
            assertEquals("7\t4\t1\t7", printk().handler().read());
        }
    }

    @Test
    void dmesgRestrictIsZeroOrOne() throws ErrnoException {
        boot("");
        CtlTable dmesgRestrict = sysctl.tables.get("kernel/dmesg_restrict");
        assertEquals("0", dmesgRestrict.handler().read());
        assertEquals(0644, dmesgRestrict.mode());
        dmesgRestrict.handler().write("1\n");
        assertEquals("1", dmesgRestrict.handler().read());
        assertThrows(ErrnoException.class, () -> dmesgRestrict.handler().write("2"));
        assertEquals("1", dmesgRestrict.handler().read());
    }

    @Test
    void deactivationUnregistersTheTable() throws ErrnoException {
        PrintkSysctl component = new PrintkSysctl(sysctl, KernelLogs.boot(new FakeMachine("")));
        component.deactivate();
        assertEquals(0, sysctl.tables.size());
    }
}
