package org.modux.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.modux.fs.OpenFlags;
import org.modux.fs.Vfs;
import org.modux.kernel.Taint;
import org.modux.kernel.module.Module;
import org.modux.kernel.module.ModuleHeaders;
import org.modux.kernel.module.ModuleLoader;
import org.modux.kernel.module.Modules;
import org.modux.kernel.printk.LogRecord;
import org.modux.kernel.printk.Syslog;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The module loader's rules as a user meets them, with the sample modules of
 * modules/samples and extra/: loading through the ModuleLoader system calls with
 * the jar's bytes (what insmod does) and through the framework (Gogo's
 * {@code install} and {@code start}), checked in /proc/modules,
 * /proc/sys/kernel/tainted, /sys/module/NAME, /proc/kallsyms, the kernel log and
 * the errno of each refusal. Taints are sticky for the life of the framework, so
 * taint checks compare with the mask before the step.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ModuleRulesIT {

    private static final String RELEASE = System.getProperty("modux.release");
    /** A module's load address in /proc/modules: page-aligned in the module area. */
    private static final String ADDRESS = "0xffffffffc[0-9a-f]{4}000";
    private static final String GPL_SYMBOL = "org.modux.modules.symexport.gpl.SymExportGpl";
    private static final String SYMBOL = "org.modux.modules.symexport.SymExport";
    /** Removal order for the samples a test may leave loaded: users before what they use. */
    private static final List<String> SAMPLES = List.of("chain_top", "chain_c", "chain_b", "chain_a", "symuser_gpl",
            "symuser_prop", "symexport", "hello", "oot_hello", "initfail", "gplonly_prop");

    @Inject
    ModuleLoader loader;
    @Inject
    Vfs vfs;
    @Inject
    Syslog syslog;
    @Inject
    BundleContext context;

    private VfsFiles files;

    @Configuration
    public Option[] config() {
        return KernelOptions.boot("smp=1 loglevel=4");
    }

    @After
    public void unloadSamples() throws Exception {
        for (String name : SAMPLES) {
            try {
                loader.deleteModule(name, 0);
            } catch (ErrnoException e) {
                assertEquals(name, Errno.ENOENT, e.errno());
            }
        }
    }

    // ---- insmod, parameters, rmmod -------------------------------------------------

    @Test
    public void insmodRunsInitWithItsParametersAndRmmodRunsExit() throws Exception {
        long mark = lastSeq();
        assertEquals("hello", insmod("hello", "whom=Modux count=2"));
        assertEquals(List.of("hello: Hello, Modux", "hello: Hello, Modux"), logSince(mark));

        String line = procModulesLine("hello");
        assertTrue(line, line.matches("hello (\\d+) 0 - Live " + ADDRESS));
        String size = line.split(" ")[1];
        assertEquals(0, Long.parseLong(size) % 4096);
        assertEquals(size + "\n", files().read("/sys/module/hello/coresize"));
        assertEquals("live\n", files().read("/sys/module/hello/initstate"));
        assertEquals("0\n", files().read("/sys/module/hello/refcnt"));
        assertEquals("\n", files().read("/sys/module/hello/taint"));
        assertEquals(List.of(), files().list("/sys/module/hello/holders"));
        assertEquals("Modux\n", files().read("/sys/module/hello/parameters/whom"));
        assertEquals("2\n", files().read("/sys/module/hello/parameters/count"));
        assertEquals(0644, files().mode("/sys/module/hello/parameters/whom"));
        assertEquals(0444, files().mode("/sys/module/hello/parameters/count"));

        mark = lastSeq();
        rmmod("hello");
        assertEquals(List.of("hello: Goodbye, cruel world"), logSince(mark));
        assertNull(procModulesLine("hello"));
        assertFalse(files().exists("/sys/module/hello"));
        assertNull(bundle("hello"));
    }

    @Test
    public void defaultsApplyWithoutParameters() throws Exception {
        long mark = lastSeq();
        insmod("hello", "");
        assertEquals(List.of("hello: Hello, world"), logSince(mark));
        assertEquals("world\n", files().read("/sys/module/hello/parameters/whom"));
        assertEquals("1\n", files().read("/sys/module/hello/parameters/count"));
    }

    /** A 0644 parameter takes a new value while the module runs, without re-running init; a 0444 one refuses writes. */
    @Test
    public void writableParameterReachesTheRunningModule() throws Exception {
        insmod("hello", "");
        long mark = lastSeq();
        files().write("/sys/module/hello/parameters/whom", "Linux\n");
        assertEquals("Linux\n", files().read("/sys/module/hello/parameters/whom"));
        awaitTrue("the Whom component took the value", () -> services(
                "(&(objectClass=org.modux.modules.hello.Whom)(whom=Linux))") == 1);
        assertEquals(List.of(), logSince(mark));

        ErrnoException e = assertThrows(ErrnoException.class,
                () -> files().write("/sys/module/hello/parameters/count", "5\n"));
        assertEquals(Errno.EACCES, e.errno());
        assertEquals("1\n", files().read("/sys/module/hello/parameters/count"));
    }

    @Test
    public void badParametersFailTheLoadWithEinvalAndLeaveNothing() throws Exception {
        State before = state();
        long mark = lastSeq();
        assertEquals(Errno.EINVAL, errno(() -> insmod("hello", "count=abc")));
        assertEquals(List.of("hello: `abc' invalid for parameter `count'"), logSince(mark));
        assertEquals(before, state());
    }

    /**
     * An unknown parameter fails the load (parse_args' "Unknown parameter", insmod's
     * "Invalid parameters"), as the module issue asks; Linux 6.x instead warns and
     * ignores it (unknown_module_param_cb).
     */
    @Test
    public void unknownParameterFailsTheLoadAndLeavesNothing() throws Exception {
        State before = state();
        long mark = lastSeq();
        assertEquals(Errno.EINVAL, errno(() -> insmod("hello", "foo=1 count=1")));
        assertEquals(List.of("hello: Unknown parameter `foo'"), logSince(mark));
        assertEquals(before, state());
    }

    @Test
    public void secondLoadIsEexist() throws Exception {
        insmod("hello", "");
        State loaded = state();
        assertEquals(Errno.EEXIST, errno(() -> insmod("hello", "")));
        assertEquals(Errno.EEXIST, errno(() -> loader.initModule("/tmp/hello.jar", image("hello"), "", 0)));
        assertEquals(loaded, state());
    }

    @Test
    public void aJarThatIsNotAModuleIsEnoexec() throws Exception {
        State before = state();
        long mark = lastSeq();
        String path = "/lib/modules/" + RELEASE + "/kernel/samples/jline.jar";
        assertEquals(Errno.ENOEXEC, errno(() -> loader.initModule(path, image("jline"), "", 0)));
        assertEquals(List.of("module: " + path + ": not a module bundle (no Module-Name header)"), logSince(mark));
        assertEquals(Errno.ENOEXEC, errno(() -> loader.initModule("/tmp/junk.jar", new byte[] {1, 2, 3}, "", 0)));
        assertEquals(before, state());
    }

    @Test
    public void rmmodOfAModuleThatIsNotLoadedIsEnoent() {
        assertEquals(Errno.ENOENT, errno(() -> rmmod("nope")));
        assertEquals(Errno.ENOENT, errno(() -> rmmod("hello")));
    }

    // ---- symbols -----------------------------------------------------------------

    @Test
    public void aUserOfSymbolsHoldsTheirExporter() throws Exception {
        insmod("symexport", "");
        long mark = lastSeq();
        insmod("symuser_gpl", "");
        assertEquals(List.of("symuser_gpl: symexportHello() returned \"Hello from symexport\"",
                "symuser_gpl: symexportGplCount() returned 1"), logSince(mark));

        List<String> modules = procModules();
        assertTrue(modules.toString(), modules.get(0).matches("symuser_gpl \\d+ 0 - Live " + ADDRESS));
        assertTrue(modules.toString(), modules.get(1).matches("symexport \\d+ 1 symuser_gpl, Live " + ADDRESS));
        assertEquals("1\n", files().read("/sys/module/symexport/refcnt"));
        assertEquals(List.of("symuser_gpl"), files().list("/sys/module/symexport/holders"));

        assertEquals(Errno.EAGAIN, errno(() -> rmmod("symexport")));
        assertTrue(procModulesLine("symexport").matches("symexport \\d+ 1 symuser_gpl, Live " + ADDRESS));
        rmmod("symuser_gpl");
        assertEquals("0\n", files().read("/sys/module/symexport/refcnt"));
        assertEquals(List.of(), files().list("/sys/module/symexport/holders"));
        rmmod("symexport");
    }

    /** Loading and unloading one module leaves another, unrelated one as it was: not stopped, restarted or re-wired. */
    @Test
    public void onlyWhatTheUserNamedChanges() throws Exception {
        insmod("symexport", "");
        Bundle symexport = bundle("symexport");
        BundleWiring wiring = symexport.adapt(BundleWiring.class);
        long mark = lastSeq();
        insmod("hello", "");
        rmmod("hello");
        assertEquals(List.of("hello: Hello, world", "hello: Goodbye, cruel world"), logSince(mark));
        assertEquals(Bundle.ACTIVE, symexport.getState());
        assertTrue(wiring == symexport.adapt(BundleWiring.class) && wiring.isCurrent());
    }

    /** init_module and delete_module serialize on module_mutex: of two loads of one module, one wins, the other is EEXIST. */
    @Test
    public void concurrentLoadsOfOneModuleSerialize() throws Exception {
        List<Object> outcomes = new CopyOnWriteArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    outcomes.add(insmod("hello", ""));
                } catch (ErrnoException e) {
                    outcomes.add(e.errno());
                } catch (InterruptedException e) {
                    outcomes.add(e);
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(30_000);
        }
        assertTrue(outcomes.toString(), outcomes.contains("hello") && outcomes.contains(Errno.EEXIST));
        assertEquals(1, procModules().stream().filter(l -> l.startsWith("hello ")).count());
    }

    /** try_module_get pins a module: rmmod refuses it; rmmod -f (O_TRUNC) removes it anyway and taints R. */
    @Test
    public void aPinnedModuleIsInUseUntilForcedAway() throws Exception {
        insmod("hello", "");
        Modules modules = context.getService(context.getServiceReference(Modules.class));
        Module hello = modules.find("hello").orElseThrow();
        assertTrue(hello.tryGet());
        assertEquals("1\n", files().read("/sys/module/hello/refcnt"));
        assertTrue(procModulesLine("hello").matches("hello \\d+ 1 - Live " + ADDRESS));
        assertEquals(List.of(), files().list("/sys/module/hello/holders"));
        assertEquals(Errno.EAGAIN, errno(() -> rmmod("hello")));

        long mark = lastSeq();
        loader.deleteModule("hello", OpenFlags.O_NONBLOCK | OpenFlags.O_TRUNC);
        assertEquals(List.of("hello: Goodbye, cruel world"), logSince(mark));
        assertNull(procModulesLine("hello"));
        assertEquals(Taint.FORCED_RMMOD.bit(), tainted() & Taint.FORCED_RMMOD.bit());
        assertFalse(hello.tryGet());
    }

    /**
     * A module built against another kernel API version is refused before it runs
     * ("disagrees about version of symbol", ENOEXEC, as Linux's check_version);
     * insmod -f loads it anyway without the version ranges and taints F.
     */
    @Test
    public void anApiVersionMismatchNeedsForceAndTaintsF() throws Exception {
        byte[] future = withManifest(image("hello"), m -> m.getMainAttributes().putValue("Import-Package",
                m.getMainAttributes().getValue("Import-Package").replace("org.modux.kernel.printk;version=\"[1.1,2)\"",
                        "org.modux.kernel.printk;version=\"[2.0,3)\"")));
        State before = state();
        long mark = lastSeq();
        assertEquals(Errno.ENOEXEC, errno(() -> loader.initModule("/tmp/hello.jar", future, "", 0)));
        assertEquals(List.of("hello: disagrees about version of symbol org.modux.kernel.printk (module wants"
                + " [2.0.0,3.0.0), kernel exports 1.1.0)"), logSince(mark));
        assertEquals(before, state());

        mark = lastSeq();
        assertEquals("hello", loader.initModule("/tmp/hello.jar", future, "", ModuleLoader.MODULE_INIT_IGNORE_MODVERSIONS
                | ModuleLoader.MODULE_INIT_IGNORE_VERMAGIC));
        assertEquals(List.of("hello: Hello, world"), logSince(mark).stream().filter(l -> l.contains("Hello"))
                .collect(Collectors.toList()));
        assertTrue(procModulesLine("hello"), procModulesLine("hello").matches("hello \\d+ 0 - Live " + ADDRESS + " \\(F\\)"));
        assertEquals("F\n", files().read("/sys/module/hello/taint"));
        assertEquals(Taint.FORCED_MODULE.bit(), tainted() & Taint.FORCED_MODULE.bit());
    }

    /** check_modinfo's vermagic: a module built for another release is refused unless forced. */
    @Test
    public void aModuleBuiltForAnotherReleaseIsRefused() throws Exception {
        byte[] other = withManifest(image("hello"), m -> m.getMainAttributes().putValue(ModuleHeaders.RELEASE, "9.9.9"));
        long mark = lastSeq();
        assertEquals(Errno.ENOEXEC, errno(() -> loader.initModule("/tmp/hello.jar", other, "", 0)));
        assertEquals(List.of("hello: version magic '9.9.9' should be '" + RELEASE + "'"), logSince(mark));
        assertNull(procModulesLine("hello"));
    }

    /** kallsyms: a module's exported symbols are 'T', GPL-only ones 't' (Linux's is_exported() reads __ksymtab only). */
    @Test
    public void kallsymsListsAModulesSymbols() throws Exception {
        insmod("symexport", "");
        String[] line = procModulesLine("symexport").split(" ");
        long size = Long.parseLong(line[1]);
        long base = Long.parseUnsignedLong(line[5].substring(2), 16);
        List<String> mine = files().read("/proc/kallsyms").lines().filter(l -> l.endsWith("\t[symexport]"))
                .collect(Collectors.toList());
        assertEquals(mine.toString(), 2, mine.size());
        assertTrue(mine.toString(), mine.stream().anyMatch(
                l -> l.matches("[0-9a-f]{16} T " + SYMBOL.replace(".", "\\.") + "\t\\[symexport\\]")));
        assertTrue(mine.toString(), mine.stream().anyMatch(
                l -> l.matches("[0-9a-f]{16} t " + GPL_SYMBOL.replace(".", "\\.") + "\t\\[symexport\\]")));
        for (String l : mine) {
            long offset = Long.parseUnsignedLong(l.substring(0, 16), 16) - base;
            assertTrue(l + " is not in the module's image", offset >= 0 && offset < size);
        }
        rmmod("symexport");
        assertTrue(files().read("/proc/kallsyms").lines().noneMatch(l -> l.endsWith("\t[symexport]")));
    }

    @Test
    public void missingSymbolsAreUnknownSymbolEnoent() throws Exception {
        State before = state();
        long mark = lastSeq();
        assertEquals(Errno.ENOENT, errno(() -> insmod("symuser_gpl", "")));
        List<String> log = logSince(mark);
        assertTrue(log.toString(), log.contains("symuser_gpl: Unknown symbol " + SYMBOL + " (err -2)"));
        assertTrue(log.toString(), log.contains("symuser_gpl: Unknown symbol " + GPL_SYMBOL + " (err -2)"));
        assertEquals(before, state());

        assertEquals(Errno.ENOENT, errno(() -> insmod("chain_top", "")));
        assertEquals(before, state());
    }

    @Test
    public void proprietaryModuleCannotHaveAGplOnlySymbol() throws Exception {
        insmod("symexport", "");
        State before = state();
        long mark = lastSeq();
        assertEquals(Errno.ENOENT, errno(() -> insmod("gplonly_prop", "")));
        String gplOnly = " (err -2): symexport exports it GPL-only and this module's licence is not GPL-compatible";
        assertEquals(List.of("gplonly_prop: Unknown symbol org.modux.modules.symexport.gpl" + gplOnly,
                "gplonly_prop: Unknown symbol " + GPL_SYMBOL + gplOnly), logSince(mark));
        assertEquals(before, state());
    }

    @Test
    public void proprietaryModuleLoadsAndTaintsP() throws Exception {
        insmod("symexport", "");
        long taintedBefore = tainted();
        long mark = lastSeq();
        insmod("symuser_prop", "");
        List<String> log = logSince(mark);
        if ((taintedBefore & Taint.PROPRIETARY_MODULE.bit()) == 0) {
            assertEquals(log.toString(), "symuser_prop: module license 'Proprietary' taints kernel.", log.get(0));
        }
        assertEquals("symuser_prop: symexportHello() returned \"Hello from symexport\"", log.get(log.size() - 1));
        assertEquals(taintedBefore | 1, tainted());
        assertTrue(procModulesLine("symuser_prop"),
                procModulesLine("symuser_prop").matches("symuser_prop \\d+ 0 - Live " + ADDRESS + " \\(P\\)"));
        assertEquals("P\n", files().read("/sys/module/symuser_prop/taint"));
        assertTrue(procModulesLine("symexport").matches("symexport \\d+ 1 symuser_prop, Live " + ADDRESS));

        rmmod("symuser_prop");
        assertEquals("taints stay after the module goes", taintedBefore | 1, tainted());
    }

    @Test
    public void outOfTreeModuleTaintsO() throws Exception {
        long taintedBefore = tainted();
        long mark = lastSeq();
        insmod("oot_hello", "");
        List<String> expected = new ArrayList<>();
        if ((taintedBefore & Taint.OOT_MODULE.bit()) == 0) {
            expected.add("oot_hello: loading out-of-tree module taints kernel.");
        }
        expected.add("oot_hello: Hello from out of tree");
        assertEquals(expected, logSince(mark));
        assertEquals(taintedBefore | 4096, tainted());
        assertTrue(procModulesLine("oot_hello"),
                procModulesLine("oot_hello").matches("oot_hello \\d+ 0 - Live " + ADDRESS + " \\(O\\)"));
        assertEquals("O\n", files().read("/sys/module/oot_hello/taint"));
    }

    /** The dependency chain modprobe loads deepest first: each link holds the one below. */
    @Test
    public void dependencyChainLoadsBottomUpAndUnloadsTopDown() throws Exception {
        for (String name : List.of("chain_a", "chain_b", "chain_c")) {
            insmod(name, "");
        }
        long mark = lastSeq();
        insmod("chain_top", "");
        assertEquals(List.of("chain_top: chain depth 4"), logSince(mark));
        List<String> lines = procModules().subList(0, 4);
        String[] expected = {"chain_top \\d+ 0 -", "chain_c \\d+ 1 chain_top,", "chain_b \\d+ 1 chain_c,",
            "chain_a \\d+ 1 chain_b,"};
        for (int i = 0; i < expected.length; i++) {
            assertTrue(lines.toString(), lines.get(i).matches(expected[i] + " Live " + ADDRESS));
        }
        for (String name : List.of("chain_a", "chain_b", "chain_c")) {
            assertEquals(name, Errno.EAGAIN, errno(() -> rmmod(name)));
        }
        for (String name : List.of("chain_top", "chain_c", "chain_b", "chain_a")) {
            rmmod(name);
        }
    }

    /** The find and event listener hooks: no route to a GPL-only service for a bundle that is not GPL-compatible. */
    @Test
    public void gplOnlyServicesAreHiddenFromNonGplBundles() throws Exception {
        insmod("symexport", "");
        insmod("symuser_prop", "");
        insmod("symuser_gpl", "");
        BundleContext proprietary = bundle("symuser_prop").getBundleContext();
        BundleContext gpl = bundle("symuser_gpl").getBundleContext();
        String filter = "(" + ModuleHeaders.SYMBOL_LICENSE + "=" + ModuleHeaders.GPL + ")";

        // The test's own bundle has no Bundle-License: it is not GPL-compatible either.
        for (BundleContext nonGpl : List.of(proprietary, context)) {
            assertNull(nonGpl.getServiceReferences(GPL_SYMBOL, null));
            assertNull(nonGpl.getAllServiceReferences(null, "(objectClass=" + GPL_SYMBOL + ")"));
            assertNotNull(nonGpl.getServiceReferences(SYMBOL, null));
        }
        assertNotNull(gpl.getServiceReferences(GPL_SYMBOL, null));

        ServiceTracker<Object, Object> hidden = new ServiceTracker<>(proprietary, FrameworkUtil.createFilter(filter),
                null);
        ServiceTracker<Object, Object> shown = new ServiceTracker<>(gpl, FrameworkUtil.createFilter(filter), null);
        List<ServiceEvent> hiddenEvents = new CopyOnWriteArrayList<>();
        List<ServiceEvent> shownEvents = new CopyOnWriteArrayList<>();
        ServiceListener hiddenListener = hiddenEvents::add;
        ServiceListener shownListener = shownEvents::add;
        hidden.open(true);
        shown.open(true);
        proprietary.addServiceListener(hiddenListener, filter);
        gpl.addServiceListener(shownListener, filter);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(ModuleHeaders.SYMBOL_LICENSE, ModuleHeaders.GPL);
        ServiceRegistration<Runnable> late = context.registerService(Runnable.class, () -> { }, props);
        try {
            assertEquals(0, hidden.size());
            assertEquals(2, shown.size());
            assertEquals(List.of(), hiddenEvents);
            assertEquals(1, shownEvents.size());
            assertEquals(ServiceEvent.REGISTERED, shownEvents.get(0).getType());
        } finally {
            late.unregister();
            proprietary.removeServiceListener(hiddenListener);
            gpl.removeServiceListener(shownListener);
            hidden.close();
            shown.close();
        }
    }

    // ---- init failure --------------------------------------------------------------

    @Test
    public void failedInitReleasesWhatItTook() throws Exception {
        State before = state();
        long mark = lastSeq();
        assertEquals(Errno.ENOMEM, errno(() -> insmod("initfail", "")));
        List<String> log = logSince(mark);
        assertTrue(log.toString(), log.contains("initfail: /proc/initfail, /proc/sys/initfail/value,"
                + " /sys/kernel/initfail, kthread initfail, a timer, a tasklet, irq 7 and a service taken; failing"));
        assertTrue(log.toString(), log.contains("proc: initfail left /proc/initfail behind, removing"));
        assertTrue(log.toString(), log.contains("sysctl: initfail left /proc/sys/initfail registered, unregistering"));
        assertTrue(log.toString(), log.contains("kobject: module initfail left /sys/kernel/initfail behind, removing"));
        assertTrue(log.toString(), log.contains("kthread: initfail left kthread initfail running, stopping it"));
        assertTrue(log.toString(), log.contains("timer: initfail left 1 timer pending, deleted"));
        assertTrue(log.toString(), log.contains("softirq: initfail left 1 tasklet scheduled, killed"));
        assertTrue(log.toString(), log.contains("genirq: initfail left irq 7 (initfail) requested, freeing it"));
        assertTrue(log.toString(), log.contains("module: initfail left service java.lang.Runnable registered, unregistering"));
        assertFalse(log.toString(), log.contains("initfail: timer fired"));
        assertFalse(files().read("/proc/interrupts").contains("initfail"));
        assertEquals(before, state());
    }

    // ---- the other route: the framework's install and start ------------------------

    /** A module installed and started through the framework (Gogo's install, start) is a module like any other. */
    @Test
    public void aModuleStartedThroughTheFrameworkIsAModule() throws Exception {
        long mark = lastSeq();
        Bundle hello = context.installBundle(path("hello"), new ByteArrayInputStream(image("hello")));
        hello.start();
        assertEquals(List.of("hello: Hello, world"), logSince(mark));
        // The loader judges init once every synchronous bundle listener has run: Live comes a moment later.
        awaitTrue("hello live", () -> "live\n".equals(readQuietly("/sys/module/hello/initstate")));
        assertTrue(procModulesLine("hello").matches("hello \\d+ 0 - Live " + ADDRESS));
        assertEquals("world\n", files().read("/sys/module/hello/parameters/whom"));
        assertEquals(Errno.EEXIST, errno(() -> insmod("hello", "")));
        hello.stop();
        assertNull(procModulesLine("hello"));
        assertFalse(files().exists("/sys/module/hello"));
        hello.uninstall();
    }

    @Test
    public void theFrameworkRouteMeetsTheSymbolRules() throws Exception {
        insmod("symexport", "");
        long mark = lastSeq();
        Bundle refused = context.installBundle(path("gplonly_prop"), new ByteArrayInputStream(image("gplonly_prop")));
        try {
            BundleException e = assertThrows(BundleException.class, refused::start);
            assertEquals(BundleException.RESOLVE_ERROR, e.getType());
            assertTrue(logSince(mark).toString(), logSince(mark).contains("gplonly_prop: Unknown symbol " + GPL_SYMBOL
                    + " (err -2): symexport exports it GPL-only and this module's licence is not GPL-compatible"));
            assertNull(procModulesLine("gplonly_prop"));
        } finally {
            refused.uninstall();
        }
    }

    @Test
    public void initFailureThroughTheFrameworkIsCleanedUpToo() throws Exception {
        State before = state();
        long mark = lastSeq();
        Bundle initfail = context.installBundle(path("initfail"), new ByteArrayInputStream(image("initfail")));
        initfail.start();
        awaitTrue("initfail removed", () -> context.getBundle(initfail.getBundleId()) == null);
        awaitTrue("state as before", () -> before.equals(state()));
        List<String> log = logSince(mark);
        assertTrue(log.toString(), log.contains("proc: initfail left /proc/initfail behind, removing"));
        assertTrue(log.toString(), log.stream().anyMatch(l -> l.startsWith("initfail: init failed: ")));
    }

    // ---- leaks -----------------------------------------------------------------------

    /** insmod and rmmod of hello 1,000 times leaves bundles, services, threads and taints as they were. */
    @Test
    public void loadUnloadLoopLeavesNothingBehind() throws Exception {
        insmod("hello", "");
        rmmod("hello");
        State before = state();
        Set<Thread> threads = Thread.getAllStackTraces().keySet();
        byte[] image = image("hello");
        String path = path("hello");
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            loader.initModule(path, image, "", 0);
            loader.deleteModule("hello", 0);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.println("ModuleRulesIT: 1000 insmod/rmmod of hello in " + millis + " ms");
        assertEquals(before, state());
        for (int i = 0; i < 500 && !threadsStartedSince(threads).isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertEquals("threads the loop started that are still alive", List.of(), threadsStartedSince(threads));
    }

    // ---- helpers -------------------------------------------------------------------

    /** What a load that failed, or a load and unload, must leave as it found. */
    private record State(int bundles, int services, List<String> procModules, List<String> proc,
            List<String> procSys, List<String> sysKernel, List<String> sysModule, long tainted) {
    }

    /**
     * The system as a user sees it. The taint mask is taken without W: a module that
     * leaves resources behind is reported with a warning, which may taint W.
     */
    private State state() {
        // A reading that holds still for 100 ms: the framework finishes some service
        // changes a moment after the call that caused them returns.
        State last = reading();
        for (int i = 0; i < 50; i++) {
            sleep(100);
            State now = reading();
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private State reading() {
        try {
            return new State(context.getBundles().length, services(null), procModules(), files().list("/proc"),
                    files().list("/proc/sys"), files().list("/sys/kernel"), files().list("/sys/module"),
                    tainted() & ~Taint.WARN.bit());
        } catch (ErrnoException e) {
            throw new IllegalStateException(e);
        }
    }

    private VfsFiles files() {
        if (files == null) {
            files = new VfsFiles(vfs);
        }
        return files;
    }

    /** Where insmod would read the module from, as modprobe finds it in lib/modules. */
    private static String path(String name) {
        String dir = name.equals("oot_hello") ? "extra" : "kernel/samples";
        return "/lib/modules/" + RELEASE + "/" + dir + "/" + name + ".jar";
    }

    /** A copy of a module's jar with its manifest changed by {@code edit}. */
    private static byte[] withManifest(byte[] image, Consumer<Manifest> edit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(image))) {
            Manifest manifest = in.getManifest();
            edit.accept(manifest);
            try (JarOutputStream jar = new JarOutputStream(out, manifest)) {
                for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    jar.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(jar);
                    jar.closeEntry();
                }
            }
        }
        return out.toByteArray();
    }

    private static byte[] image(String name) {
        try {
            return Files.readAllBytes(Path.of(System.getProperty("modux.bundles"), name + ".jar"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String insmod(String name, String params) throws ErrnoException {
        return loader.initModule(path(name), image(name), params, 0);
    }

    /** rmmod's delete_module: O_NONBLOCK, as kmod passes it. */
    private void rmmod(String name) throws ErrnoException {
        loader.deleteModule(name, OpenFlags.O_NONBLOCK);
    }

    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }

    private static Errno errno(Call call) {
        ErrnoException e = assertThrows(ErrnoException.class, call::run);
        return e.errno();
    }

    private List<String> procModules() throws ErrnoException {
        return files().read("/proc/modules").lines().collect(Collectors.toList());
    }

    /** The module's /proc/modules line, or null when it is not loaded. */
    private String procModulesLine(String name) throws ErrnoException {
        return procModules().stream().filter(l -> l.startsWith(name + " ")).findFirst().orElse(null);
    }

    private long tainted() throws ErrnoException {
        return Long.parseLong(files().read("/proc/sys/kernel/tainted").strip());
    }

    private Bundle bundle(String moduleName) {
        for (Bundle b : context.getBundles()) {
            if (moduleName.equals(b.getHeaders("").get(ModuleHeaders.MODULE_NAME))) {
                return b;
            }
        }
        return null;
    }

    /** How many services match {@code filter} (all with null) for this test's bundle. */
    private int services(String filter) {
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(null, filter);
            return refs == null ? 0 : refs.length;
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * The live threads that were not alive at {@code before}, by name. Idle pool
     * threads of the test harness may end meanwhile, so the count alone can drop.
     */
    private static List<String> threadsStartedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t)).map(Thread::getName)
                .collect(Collectors.toList());
    }

    private long lastSeq() {
        List<LogRecord> all = syslog.readAll();
        return all.isEmpty() ? -1 : all.get(all.size() - 1).seq();
    }

    /** The kernel log's messages after sequence number {@code seq}, as dmesg shows them. */
    private List<String> logSince(long seq) {
        return syslog.readAll().stream().filter(r -> r.seq() > seq).map(LogRecord::text).collect(Collectors.toList());
    }

    /** The file's text, or null when it cannot be read. */
    private String readQuietly(String path) {
        try {
            return files().read(path);
        } catch (ErrnoException e) {
            return null;
        }
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(10);
        }
    }
}
