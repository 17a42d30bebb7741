package org.modux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.IOException;
import java.nio.file.Files;
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
import org.osgi.framework.BundleContext;

/**
 * init with a distribution home that has neither etc/ nor lib/: both hostfs mounts
 * fail, each is logged, and the boot goes on with empty /etc and /lib on rootfs.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class InitWithoutEtcIT {

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
        String home = Files.createTempDirectory("modux-empty-home").toString();
        return KernelOptions.boot("smp=1", frameworkProperty("modux.home").value(home));
    }

    @Test
    public void failedMountsAreLoggedAndTheBootGoesOn() throws Exception {
        String home = context.getProperty("modux.home");
        List<String> log = syslog.readAll().stream().map(LogRecord::text).collect(Collectors.toList());
        assertTrue(log.toString(),
                log.contains("init: failed to mount " + home + "/etc on /etc: No such file or directory"));
        assertTrue(log.contains("init: failed to mount " + home + "/lib on /lib: No such file or directory"));
        assertEquals("(none)", kernel.uname().nodename());

        Console console = new Console(processor);
        assertFalse(console.run("cat /proc/mounts").out().contains("hostfs"));
        Console.Result ls = console.run("ls /etc /lib");
        assertEquals(ls.err(), 0, ls.status());
    }
}
