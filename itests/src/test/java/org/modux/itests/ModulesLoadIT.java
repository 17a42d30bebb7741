package org.modux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.modux.kernel.Kernel;
import org.modux.kernel.printk.LogRecord;
import org.modux.kernel.printk.Syslog;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * init's boot work from a distribution's etc/ and lib/, mounted with hostfs on /etc
 * and /lib: the host name, sysctl.conf (one good line, one bad) and etc/modules (the
 * hello sample, read through the VFS, and a module that does not exist).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ModulesLoadIT {

    @Inject
    Syslog syslog;
    @Inject
    Kernel kernel;
    @Inject
    BundleContext context;
    @Inject
    CommandProcessor processor;

    @Configuration
    public Option[] config() throws IOException {
        Path home = Files.createTempDirectory("modux-home");
        Path etc = Files.createDirectories(home.resolve("etc"));
        Files.writeString(etc.resolve("hostname"), "testbox\n");
        Files.writeString(etc.resolve("modules"), "# boot modules\nhello\nnope\n");
        Files.writeString(etc.resolve("sysctl.conf"), "kernel.printk = 5 4 1 7\nkernel.printk = bad\n");
        Path modules = Files.createDirectories(home.resolve("lib/modules/" + System.getProperty("modux.release")
                + "/kernel/samples"));
        Files.copy(Path.of(System.getProperty("modux.bundles"), "hello.jar"), modules.resolve("hello.jar"),
                StandardCopyOption.REPLACE_EXISTING);
        // What depmod writes for this tree: modules-load finds modules through it, as libkmod does.
        Files.writeString(modules.getParent().getParent().resolve("modules.dep"), "kernel/samples/hello.jar:\n");
        return KernelOptions.boot("smp=1", frameworkProperty("modux.home").value(home.toString()));
    }

    private List<String> log() {
        return syslog.readAll().stream().map(LogRecord::text).collect(Collectors.toList());
    }

    @Test
    public void initAppliesEtc() {
        List<String> log = log();
        assertEquals("testbox", kernel.uname().nodename());
        assertTrue(log.toString(), log.contains("hello: Hello, world"));
        assertTrue(log.contains("modules-load: Inserted module 'hello'"));
        assertTrue(log.contains("modules-load: Failed to find module 'nope'"));
        assertTrue(log.contains("sysctl: setting key \"kernel.printk\": Invalid argument"));
        assertTrue(log.contains("sysctl: applied 1 setting from /etc/sysctl.conf"));
        assertEquals(5, syslog.consoleLevel());
    }

    @Test
    public void etcAndLibAreTheDistributionsDirectoriesInTheVfs() throws Exception {
        String home = context.getProperty("modux.home");
        Console console = new Console(processor);
        String mounts = console.run("cat /proc/mounts").out();
        assertTrue(mounts, mounts.contains("none /etc hostfs rw,relatime," + home + "/etc 0 0\n"));
        assertTrue(mounts, mounts.contains("none /lib hostfs rw,relatime," + home + "/lib 0 0\n"));
        assertEquals("testbox\n", console.run("cat /etc/hostname").out());
        assertEquals("hello.jar\n",
                console.run("ls /lib/modules/" + System.getProperty("modux.release") + "/kernel/samples").out());
    }

    @Test
    public void unloadingTheModuleRunsItsExit() throws Exception {
        Bundle hello = null;
        for (Bundle b : context.getBundles()) {
            if ("org.modux.modules.hello".equals(b.getSymbolicName())) {
                hello = b;
            }
        }
        assertTrue(hello != null);
        // Read through the VFS: the bundle's location is the module's path there.
        assertEquals("/lib/modules/" + System.getProperty("modux.release") + "/kernel/samples/hello.jar",
                hello.getLocation());
        hello.uninstall();
        assertTrue(log().contains("hello: Goodbye, cruel world"));
    }
}
