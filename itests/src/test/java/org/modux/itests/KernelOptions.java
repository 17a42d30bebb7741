package org.modux.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;

import org.ops4j.pax.exam.Option;

/**
 * The system an integration test boots in Felix: the same bundles as the
 * distribution's system/1..3, taken from the reactor (copied to target/bundles by
 * the build), with the kernel command line the test gives.
 */
final class KernelOptions {

    private KernelOptions() {
    }

    static Option[] boot(String cmdline, Option... extra) {
        Option[] base = options(
                frameworkProperty("modux.cmdline").value(cmdline),
                frameworkProperty("felix.resolver.parallelism").value("1"),
                systemProperty("org.slf4j.simpleLogger.defaultLogLevel").value("warn"),
                bundle(file("org.osgi.util.function")),
                bundle(file("org.osgi.util.promise")),
                bundle(file("org.osgi.service.component")),
                bundle(file("org.apache.felix.scr")),
                bundle(file("org.osgi.service.log")),
                bundle(file("org.apache.felix.configadmin")),
                bundle(file("org.apache.felix.metatype")),
                bundle(file("org.apache.felix.gogo.runtime")),
                bundle(file("org.apache.felix.gogo.command")),
                bundle(file("jline")),
                // As in the distribution: init registers gogo.jline's commands, and
                // gogo.jline's own activator (a terminal, Gogo's shell) does not run.
                bundle(file("org.apache.felix.gogo.jline")).noStart(),
                systemProperty("org.jline.terminal.dumb").value("true"),
                bundle(file("slf4j-api")),
                bundle(file("slf4j-simple")).noStart(),
                bundle(file("hw-platform")),
                bundle(file("core-kernel")),
                bundle(file("userspace")),
                junitBundles(),
                cleanCaches());
        Option[] all = new Option[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    /** The file: URL of a bundle the build copied. */
    static String file(String artifactId) {
        return new File(System.getProperty("modux.bundles"), artifactId + ".jar").toURI().toString();
    }
}
