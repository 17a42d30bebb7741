package org.modux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.modux.fs.Vfs;
import org.modux.kernel.Kernel;
import org.modux.kernel.printk.LogRecord;
import org.modux.kernel.printk.Syslog;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Boots the kernel bundles in Felix and checks what a user sees: the boot log, the
 * files of /proc and /sys, and sysctl writes, good and bad.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BootIT {

    static final String CMDLINE = "mem=128M smp=2 loglevel=4 foo=bar log_buf_len=junk";

    @Inject
    Kernel kernel;
    @Inject
    Vfs vfs;
    @Inject
    Syslog syslog;
    @Inject
    CommandProcessor processor;

    @Configuration
    public Option[] config() {
        return KernelOptions.boot(CMDLINE);
    }

    private String read(String path) throws Exception {
        return new VfsFiles(vfs).read(path);
    }

    private List<String> log() {
        return syslog.readAll().stream().map(LogRecord::text).collect(Collectors.toList());
    }

    @Test
    public void bootLogHasTheKernelsShape() {
        List<LogRecord> records = syslog.readAll();
        LogRecord first = records.get(0);
        assertTrue(first.text(), first.text().startsWith("Modux version " + System.getProperty("modux.release") + " ("));
        assertEquals("[    0.000000]", first.timestamp());
        List<String> log = log();
        assertTrue(log.contains("Kernel command line: " + CMDLINE));
        assertTrue(log.contains("BIOS-e820: [mem 0x0000000000100000-0x0000000007ffffff] usable"));
        assertTrue(log.contains("smp: Brought up 1 node, 2 CPUs"));
        assertTrue(log.contains("proc: mounted on /proc"));
        assertTrue(log.contains("sysfs: mounted on /sys"));
        assertTrue(log.toString(), log.contains("Malformed early option 'log_buf_len'"));
        assertTrue(log.contains("Unknown kernel command line parameters \"foo=bar\", will be passed to user space."));
        assertTrue(log.contains("Run /sbin/init as init process"));
    }

    @Test
    public void procFilesReadAsOnLinux() throws Exception {
        assertTrue(read("/proc/version").startsWith("Modux version " + System.getProperty("modux.release")));
        assertEquals(CMDLINE + "\n", read("/proc/cmdline"));
        assertTrue(read("/proc/uptime").matches("\\d+\\.\\d\\d \\d+\\.\\d\\d\n"));
        String filesystems = read("/proc/filesystems");
        assertTrue(filesystems, filesystems.contains("nodev\tproc\n"));
        assertTrue(filesystems.contains("nodev\tsysfs\n"));
        assertTrue(filesystems.contains("nodev\tramfs\n"));
        assertTrue(filesystems.contains("nodev\thostfs\n"));
        assertEquals("rootfs / rootfs rw 0 0\n"
                + "proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n"
                + "sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0\n", read("/proc/mounts"));
        assertEquals("4\t4\t1\t7\n", read("/proc/sys/kernel/printk"));
        assertEquals("Modux\n", read("/proc/sys/kernel/ostype"));
    }

    @Test
    public void sysfsShowsKernelAndModuleDirectories() throws Exception {
        assertTrue(read("/sys/kernel/uevent_seqnum").matches("\\d+\n"));
        Console.Result ls = new Console(processor).run("ls /sys");
        assertTrue(ls.out(), ls.out().contains("kernel\n"));
        assertTrue(ls.out().contains("module\n"));
    }

    @Test
    public void sysctlWriteThroughEchoLandsInTheKernel() throws Exception {
        Console console = new Console(processor);
        Console.Result ok = console.run("echo 3 4 1 7 > /proc/sys/kernel/printk");
        assertEquals(ok.err(), 0, ok.status());
        assertEquals("3\t4\t1\t7\n", read("/proc/sys/kernel/printk"));
        assertEquals(3, syslog.consoleLevel());

        Console.Result bad = console.run("echo abc > /proc/sys/kernel/printk");
        assertEquals("echo: write error: Invalid argument\n", bad.err());
        assertEquals(1, bad.status());
        assertEquals("3\t4\t1\t7\n", read("/proc/sys/kernel/printk"));

        Console.Result w = console.run("sysctl -w kernel.printk=99x");
        assertEquals("sysctl: setting key \"kernel.printk\": Invalid argument\n", w.err());
        console.run("sysctl -w kernel.printk=\"4 4 1 7\"");
        assertEquals("kernel.printk = 4\t4\t1\t7\n", console.run("sysctl kernel.printk").out());
    }

    @Test
    public void readOnlyProcFileRefusesWrites() throws Exception {
        Console.Result r = new Console(processor).run("sysctl -w kernel.ostype=Linux");
        assertEquals("sysctl: permission denied on key 'kernel.ostype'\n", r.err());
        assertEquals("Modux\n", read("/proc/sys/kernel/ostype"));
    }

    @Test
    public void consoleCommandsBehaveLikeLinuxTools() throws Exception {
        Console console = new Console(processor);
        Console.Result missing = console.run("cat /proc/nope");
        assertEquals("cat: /proc/nope: No such file or directory\n", missing.err());
        assertEquals(1, missing.status());

        Console.Result ls = console.run("ls -l /proc");
        // ls -l pads the link counts to the widest (a pid directory's, /proc/irq's).
        assertTrue(ls.out(), ls.out().matches("(?s)total 0\n.*-r--r--r-- +1 root root 0 \\w{3} [ \\d]\\d \\d\\d:\\d\\d version\n.*"));
        assertTrue(ls.out().matches("(?s).*dr-xr-xr-x +\\d+ root root 0 .* sys\n.*"));

        assertEquals("Modux (none) " + System.getProperty("modux.release") + " " + kernel.uname().version()
                + " riscv64 Modux\n", console.run("uname -a").out());
        assertEquals("proc on /proc type proc (rw,nosuid,nodev,noexec,relatime)\n",
                console.run("mount").out().lines().filter(l -> l.startsWith("proc ")).findFirst().get() + "\n");
        assertEquals("/proc/sys\n", console.run("cd /proc/sys/kernel/../; pwd").out());

        Console.Result dmesg = console.run("dmesg -t -l notice");
        assertTrue(dmesg.out(), dmesg.out().startsWith("Modux version "));
        assertTrue(dmesg.out().contains("Kernel command line: " + CMDLINE + "\n"));
    }

    @Test
    public void mountTakesAHostDirectoryAfterDashO() throws Exception {
        Path dir = Files.createTempDirectory("modux-hostfs");
        Files.writeString(dir.resolve("greeting"), "hello from the host\n");
        Console console = new Console(processor);
        Console.Result r = console.run("mount -t hostfs none /mnt -o " + dir);
        try {
            assertEquals(r.err(), 0, r.status());
            assertEquals("hello from the host\n", console.run("cat /mnt/greeting").out());
            assertTrue(read("/proc/mounts").contains("none /mnt hostfs rw,relatime," + dir + " 0 0\n"));
            assertEquals("none on /mnt type hostfs (rw,relatime," + dir + ")\n",
                    console.run("mount").out().lines().filter(l -> l.startsWith("none ")).findFirst().get() + "\n");
            assertEquals(0, console.run("echo written > /mnt/new").status());
            assertEquals("written\n", Files.readString(dir.resolve("new")));
        } finally {
            vfs.umount("/mnt");
        }

        Console.Result bare = console.run("mount -t hostfs none /mnt");
        assertEquals(32, bare.status());
        assertEquals("mount: /mnt: wrong fs type, bad option, bad superblock on none, missing codepage or helper "
                + "program, or other error.\n"
                + "       dmesg(1) may have more information after failed mount system call.\n", bare.err());
        assertTrue(log().contains("hostfs: no host directory given (mount -t hostfs none DIR -o /host/dir)"));
        Console.Result missing = console.run("mount -t hostfs none /mnt -o " + dir.resolve("nope"));
        assertEquals("mount: /mnt: special device none does not exist.\n", missing.err());
    }

    @Test
    public void writingAReadOnlyProcFileIsPermissionDenied() throws Exception {
        Console.Result r = new Console(processor).run("echo x > /proc/version");
        assertEquals("sh: /proc/version: Permission denied\n", r.err());
        assertEquals(1, r.status());
        assertTrue(read("/proc/version").startsWith("Modux version"));
    }

    @Test
    public void headAndTailCutWhatAPipeCarries() throws Exception {
        Console console = new Console(processor);
        Console.Result last = console.run("dmesg | tail -1");
        assertEquals("", last.err());
        assertEquals(1, last.out().lines().count());
        Console.Result first = console.run("dmesg -t | head -n 1");
        assertTrue(first.out(), first.out().startsWith("Modux version "));
        Console.Result none = console.run("tail /nope");
        assertEquals("tail: cannot open '/nope' for reading: No such file or directory\n", none.err());
        assertEquals(1, none.status());
    }
}
