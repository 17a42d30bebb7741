package org.modux.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.felix.framework.Felix;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The module figures of docs/benchmarks.md, measured in one JVM that boots the
 * built distribution's bundles in an embedded Felix (as bin/modux does, without a
 * console) and runs, interleaved in blocks so that drift hits both sides alike:
 * <ul>
 * <li>init_module + delete_module of hello (what insmod and rmmod do, all checks,
 * taint and bookkeeping included) against the bare framework doing the same to
 * the same bundle file: install, start, stop, uninstall, refresh. The bare side is
 * a second framework in the same JVM that boots the kernel only (start level 2:
 * hello needs its printk) with the module subsystem's components (loader,
 * framework hooks, kallsyms) disabled through SCR, so Felix and SCR work alone;</li>
 * <li>the same cycle typed at the console ({@code insmod PATH; rmmod hello})
 * against Gogo's own {@code install}/{@code start}/{@code uninstall};</li>
 * <li>{@code modprobe} of a module with a chain of three dependencies, and
 * {@code modprobe -r};</li>
 * <li>heap, threads, classes, bundles and services after the cycles and a full GC,
 * against the baseline taken after warm-up.</li>
 * </ul>
 * Usage: {@code java -cp felix.jar ModuleBenchmark.java MODUX_HOME OUT.md CYCLES}
 * (benchmarks/run-modules does this with bin/modux's JVM options).
 */
public final class ModuleBenchmark {

    private static final int BLOCK = 250;
    private static final int O_NONBLOCK = 04000;

    private final BundleContext context;
    private final BundleContext peer;
    private final FrameworkWiring peerWiring;
    private final byte[] image;
    private final String modulePath;
    private final Object loader;
    private final Method initModule;
    private final Method deleteModule;
    private final Path home;

    private ModuleBenchmark(BundleContext context, BundleContext peer, Path home, String release) throws Exception {
        this.context = context;
        this.peer = peer;
        this.home = home;
        this.peerWiring = peer.getBundle(0).adapt(FrameworkWiring.class);
        this.modulePath = "/lib/modules/" + release + "/kernel/samples/hello.jar";
        this.image = Files.readAllBytes(home.resolve("lib/modules/" + release + "/kernel/samples/hello.jar"));
        Bundle kernel = bundle(context, "org.modux.kernel");
        Class<?> api = kernel.loadClass("org.modux.kernel.module.ModuleLoader");
        this.loader = context.getService(context.getServiceReference(api.getName()));
        this.initModule = api.getMethod("initModule", String.class, byte[].class, String.class, int.class);
        this.deleteModule = api.getMethod("deleteModule", String.class, int.class);
        disableModuleSubsystem(peer);
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        Path out = Path.of(args[1]);
        int cycles = Integer.parseInt(args[2]);
        Felix felix = boot(home, Files.createTempDirectory("modux-bench"), 3);
        Felix bare = boot(home, Files.createTempDirectory("modux-bench-peer"), 2);
        try {
            String release = releaseOf(felix);
            ModuleBenchmark bench = new ModuleBenchmark(felix.getBundleContext(), bare.getBundleContext(), home,
                    release);
            String report = bench.run(cycles);
            System.out.print(report);
            Markdown.replaceSection(out, "modules", report);
        } finally {
            for (Felix f : List.of(felix, bare)) {
                f.stop();
                f.waitForStop(30_000);
            }
        }
    }

    private String run(int cycles) throws Exception {
        StringBuilder r = new StringBuilder();
        Console sh = new Console(context);
        // As a user would before a long run: only emergencies on the console.
        sh.time("dmesg -n 1");
        // etc/modules loads hello during boot: wait for init to have done so, then unload it.
        for (int i = 0; i < 100 && !bootLoaded(); i++) {
            Thread.sleep(100);
        }
        if (bootLoaded()) {
            deleteModule.invoke(loader, "hello", O_NONBLOCK);
        }
        // Warm-up; the first peer cycle also proves the peer runs hello's components.
        checkPeerActivates();
        for (int i = 0; i < BLOCK; i++) {
            moduxCycle();
            bareCycle();
        }
        List<Long> modux = new ArrayList<>();
        List<Long> bare = new ArrayList<>();
        for (int done = 0; done < cycles; done += BLOCK) {
            for (int i = 0; i < BLOCK; i++) {
                modux.add(moduxCycle());
            }
            for (int i = 0; i < BLOCK; i++) {
                bare.add(bareCycle());
            }
        }
        double m = median(modux);
        double b = median(bare);
        r.append("| figure | Modux | peer | ratio | target |\n|---|---|---|---|---|\n");
        r.append(String.format("| insmod + rmmod of hello, in-process, median of %,d cycles | %.2f ms | %.2f ms (bare framework: install, start, stop, uninstall, refresh) | %.2f | ≤ 1.2 |%n",
                modux.size(), m / 1e6, b / 1e6, m / b));
        console(r, sh, Math.max(200, cycles / 10));
        // The leak check: Modux's cycles alone (the bare framework's leak its own, see docs),
        // from a system whose console session has ended, so its idle workers do not count.
        sh.close();
        Footprint.prepare();
        Footprint before = Footprint.take(context, this::settle, "before");
        for (int i = 0; i < cycles; i++) {
            moduxCycle();
        }
        Footprint after = Footprint.take(context, this::settle, "after");
        r.append("\nAfter ").append(String.format("%,d", cycles))
                .append(" more insmod + rmmod cycles and a full GC, against the baseline before them (target: within 1%):\n\n");
        r.append(before.compare(after));
        return r.toString();
    }

    /** The console part: needs the userspace tools; says so when they are missing. */
    private void console(StringBuilder r, Console sh, int cycles) throws Exception {
        if (!sh.has("insmod")) {
            r.append("| insmod + rmmod typed at the console | not measured: no insmod command | | | |\n");
            return;
        }
        String url = home.resolve(modulePath.substring(1)).toUri().toString();
        List<Long> typed = new ArrayList<>();
        List<Long> gogo = new ArrayList<>();
        for (int i = 0; i < cycles; i++) {
            typed.add(sh.time("insmod " + modulePath, "rmmod hello"));
            gogo.add(sh.timeGogo(url));
        }
        double t = median(typed);
        double g = median(gogo);
        r.append(String.format("| insmod + rmmod typed at the console, median of %,d | %.2f ms | %.2f ms (Gogo's install, start, uninstall) | %.2f | ≤ 1.0 |%n",
                cycles, t / 1e6, g / 1e6, t / g));
        if (sh.has("modprobe")) {
            List<Long> probe = new ArrayList<>();
            List<Long> remove = new ArrayList<>();
            for (int i = 0; i < cycles; i++) {
                probe.add(sh.time("modprobe chain_top"));
                remove.add(sh.time("modprobe -r chain_top"));
            }
            r.append(String.format("| modprobe chain_top (three dependencies below it), median of %,d | %.2f ms | | | |%n",
                    cycles, median(probe) / 1e6));
            r.append(String.format("| modprobe -r chain_top, median of %,d | %.2f ms | | | |%n",
                    cycles, median(remove) / 1e6));
        }
    }

    private boolean bootLoaded() {
        Bundle b = context.getBundle(modulePath);
        return b != null && b.getState() == Bundle.ACTIVE;
    }

    /** A Modux cycle whose time does not count. */
    private void settle() throws Exception {
        moduxCycle();
    }

    /** A step that may throw. */
    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private long moduxCycle() throws Exception {
        long t0 = System.nanoTime();
        try {
            initModule.invoke(loader, modulePath, image, "", 0);
            deleteModule.invoke(loader, "hello", O_NONBLOCK);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("insmod/rmmod failed: " + e.getCause(), e.getCause());
        }
        return System.nanoTime() - t0;
    }

    /**
     * The peer must do what the kernel does: start hello so that SCR activates its
     * components (Whom registers its service). Fails the run otherwise.
     */
    private void checkPeerActivates() throws Exception {
        Bundle b = peer.installBundle("bench:" + modulePath, new ByteArrayInputStream(image));
        try {
            b.start();
            ServiceReference<?>[] registered = b.getRegisteredServices();
            if (b.getState() != Bundle.ACTIVE || registered == null || registered.length == 0) {
                throw new IllegalStateException("the peer framework did not activate hello's components (state "
                        + b.getState() + ")");
            }
        } finally {
            b.uninstall();
            CountDownLatch done = new CountDownLatch(1);
            peerWiring.refreshBundles(Set.of(b), e -> done.countDown());
            done.await(30, TimeUnit.SECONDS);
            forgetUsages(b);
        }
    }

    private long bareCycle() throws Exception {
        long t0 = System.nanoTime();
        Bundle b = peer.installBundle("bench:" + modulePath, new ByteArrayInputStream(image));
        b.start();
        b.stop();
        b.uninstall();
        CountDownLatch done = new CountDownLatch(1);
        peerWiring.refreshBundles(Set.of(b), e -> done.countDown());
        done.await(30, TimeUnit.SECONDS);
        long t = System.nanoTime() - t0;
        forgetUsages(b);
        return t;
    }

    /**
     * Outside the timing: drops the usage records Felix 7.0.5 leaves behind for an
     * uninstalled bundle, as the kernel does for its modules (see FelixUsageRecords
     * in core-kernel). Otherwise the peer's leak would slow both sides as it grows.
     */
    private void forgetUsages(Bundle gone) throws ReflectiveOperationException {
        Object framework = peer.getBundle(0);
        java.lang.reflect.Field registryField = framework.getClass().getDeclaredField("m_registry");
        registryField.setAccessible(true);
        Object registry = registryField.get(framework);
        java.lang.reflect.Field inUse = registry.getClass().getDeclaredField("m_inUseMap");
        inUse.setAccessible(true);
        ((Map<?, ?>) inUse.get(registry)).remove(gone);
    }

    /** Disables the module subsystem's components in {@code framework} through SCR's runtime API. */
    private static void disableModuleSubsystem(BundleContext framework) throws Exception {
        Object scr = framework.getService(framework.getServiceReference(
                "org.osgi.service.component.runtime.ServiceComponentRuntime"));
        Bundle kernel = bundle(framework, "org.modux.kernel");
        Class<?> runtime = scr.getClass().getClassLoader().loadClass(
                "org.osgi.service.component.runtime.ServiceComponentRuntime");
        Method getDesc = runtime.getMethod("getComponentDescriptionDTO", Bundle.class, String.class);
        Method disable = runtime.getMethod("disableComponent", getDesc.getReturnType());
        Method getValue = scr.getClass().getClassLoader().loadClass("org.osgi.util.promise.Promise")
                .getMethod("getValue");
        for (String name : List.of("ModuleLoaderImpl", "ModuleHooks", "Kallsyms")) {
            Object desc = getDesc.invoke(scr, kernel, "org.modux.kernel.module.impl." + name);
            getValue.invoke(disable.invoke(scr, desc));
        }
    }

    private static Bundle bundle(BundleContext context, String bsn) {
        return Arrays.stream(context.getBundles()).filter(b -> bsn.equals(b.getSymbolicName())).findFirst()
                .orElseThrow(() -> new IllegalStateException(bsn + " is not installed"));
    }

    private static double median(List<Long> samples) {
        long[] s = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    private static String releaseOf(Felix felix) {
        for (Bundle b : felix.getBundleContext().getBundles()) {
            if ("org.modux.kernel".equals(b.getSymbolicName())) {
                return b.getHeaders().get("Modux-Release");
            }
        }
        throw new IllegalStateException("no kernel bundle");
    }

    /** Boots the distribution's system/N bundles up to {@code startLevel}, as the launcher does, without a console. */
    private static Felix boot(Path home, Path storage, int startLevel) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(startLevel));
        // Bundles installed later start at the framework's level, so that start() starts them.
        config.put("felix.startlevel.bundle", Integer.toString(startLevel));
        config.put("felix.log.level", "1");
        // Felix resolves on the thread that asks, as the kernel's loader does, instead of
        // in a pool whose threads come with a resolve and go a minute later.
        config.put("felix.resolver.parallelism", "1");
        config.put("modux.home", home.toString());
        config.put("modux.cmdline", "mem=256M smp=2 quiet");
        config.put("gosh.home", home.resolve("share/gosh").toString());
        config.put("gosh.args", "--nointeractive");
        Felix felix = new Felix(config);
        felix.init();
        CountDownLatch started = new CountDownLatch(1);
        felix.getBundleContext().addFrameworkListener(e -> {
            if (e.getType() == FrameworkEvent.STARTED) {
                started.countDown();
            }
        });
        List<Path> levels;
        try (Stream<Path> dirs = Files.list(home.resolve("system"))) {
            levels = dirs.filter(Files::isDirectory).sorted().toList();
        }
        for (Path level : levels) {
            List<Path> jars;
            try (Stream<Path> files = Files.list(level)) {
                jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            }
            for (Path jar : jars) {
                Bundle b = felix.getBundleContext().installBundle("reference:" + jar.toUri());
                b.adapt(BundleStartLevel.class).setStartLevel(Integer.parseInt(level.getFileName().toString()));
                b.start();
            }
        }
        felix.start();
        started.await(60, TimeUnit.SECONDS);
        return felix;
    }

    /** Heap, threads, classes, bundles and services, after a full GC; the class histogram is kept on disk. */
    private record Footprint(long heap, int threads, int classes, int bundles, int services,
            Path histogram, List<String> threadNames) {

        /**
         * Brings up the management beans the measurement uses, so that they are in the
         * baseline already.
         */
        static void prepare() throws Exception {
            classHistogram();
            ManagementFactory.getThreadMXBean().getThreadCount();
            ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
        }

        /**
         * After a full GC, one more cycle ({@code settle}) and another full GC: the JDK
         * drops the entries of its weak maps whose keys a GC cleared (the modules
         * of the proxies SCR makes for a component's property type) only when the map
         * is next used; the cycle between the two collections puts both measurements in
         * the same state. The heap is read first; what is made to read the rest (the
         * class histogram, kept in a file so that the next measurement does not count
         * it) comes after.
         */
        static Footprint take(BundleContext context, ThrowingRunnable settle, String name) throws Exception {
            gc();
            settle.run();
            gc();
            long heap = liveHeap();
            dumpHeap(name);
            int threads = ManagementFactory.getThreadMXBean().getThreadCount();
            int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
            ServiceReference<?>[] refs = context.getAllServiceReferences(null, null);
            List<String> names = Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList();
            Path histogram = Files.createTempFile("modux-histogram-" + name, ".txt");
            histogram.toFile().deleteOnExit();
            Files.writeString(histogram, classHistogram());
            return new Footprint(heap, threads, classes, context.getBundles().length, refs == null ? 0 : refs.length,
                    histogram, names);
        }

        /**
         * The heap in use just after the last collection, the live set: the pools'
         * collection usage, which what threads allocate after the GC does not move.
         */
        private static long liveHeap() {
            return ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP && p.getCollectionUsage() != null)
                    .mapToLong(p -> p.getCollectionUsage().getUsed()).sum();
        }

        /**
         * With {@code -Dmodux.heapdump=DIR}, the live heap to DIR/NAME.hprof, for finding
         * what grew (any heap dump reader: VisualVM, Eclipse MAT).
         */
        private static void dumpHeap(String name) throws IOException {
            String dir = System.getProperty("modux.heapdump");
            if (dir != null) {
                Path file = Path.of(dir, name + ".hprof");
                Files.deleteIfExists(file);
                ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                        .dumpHeap(file.toString(), true);
            }
        }

        private static void gc() throws InterruptedException {
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(100);
            }
        }

        /** The JVM's GC.class_histogram. */
        private static String classHistogram() throws Exception {
            return ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()}).toString();
        }

        /** Bytes of live objects per class, from a class histogram. */
        private static Map<String, Long> bytesPerClass(Path histogram) throws IOException {
            Map<String, Long> bytes = new HashMap<>();
            for (String line : Files.readAllLines(histogram)) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 4 && f[0].endsWith(":")) {
                    bytes.merge(f[3], Long.parseLong(f[2]), Long::sum);
                }
            }
            return bytes;
        }

        String compare(Footprint after) throws IOException {
            Map<String, Long> was = bytesPerClass(histogram);
            Map<String, Long> is = bytesPerClass(after.histogram);
            StringBuilder r = new StringBuilder("| measure | baseline | after | change |\n|---|---|---|---|\n"
                    + row("heap used after GC", heap / 1024 + " KiB", after.heap / 1024 + " KiB", heap, after.heap)
                    + row("live threads", threads, after.threads, threads, after.threads)
                    + row("loaded classes", classes, after.classes, classes, after.classes)
                    + row("bundles", bundles, after.bundles, bundles, after.bundles)
                    + row("services", services, after.services, services, after.services));
            List<Map.Entry<String, Long>> grown = is.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - was.getOrDefault(e.getKey(), 0L)))
                    .filter(e -> e.getValue() > 0 && !e.getKey().contains("FillerElement"))
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8).toList();
            if (!grown.isEmpty()) {
                r.append("\nWhat grew most (live bytes per class, after against baseline): ");
                r.append(String.join(", ", grown.stream().map(e -> "`" + e.getKey() + "` +" + e.getValue()).toList()));
                r.append(".\n");
            }
            List<String> ended = new ArrayList<>(threadNames);
            after.threadNames.forEach(ended::remove);
            List<String> started = new ArrayList<>(after.threadNames);
            threadNames.forEach(started::remove);
            if (!ended.isEmpty() || !started.isEmpty()) {
                r.append("\nThreads ended: ").append(ended.isEmpty() ? "none" : String.join(", ", ended))
                        .append("; threads started: ").append(started.isEmpty() ? "none" : String.join(", ", started))
                        .append(".\n");
            }
            return r.toString();
        }

        private static String row(String name, Object a, Object b, long x, long y) {
            return String.format("| %s | %s | %s | %+.2f%% |%n", name, a, b, x == 0 ? 0.0 : 100.0 * (y - x) / x);
        }
    }

    /** A console session like init's: Modux's tools first, the working directory in the VFS. */
    private static final class Console {

        private final Object session;
        private final Method execute;
        private final Method close;
        private final Set<?> commands;
        private final BundleContext context;

        Console(BundleContext context) throws Exception {
            this.context = context;
            ServiceReference<?> ref = context.getServiceReference("org.apache.felix.service.command.CommandProcessor");
            Object processor = context.getService(ref);
            Class<?> api = ref.getBundle().loadClass("org.apache.felix.service.command.CommandProcessor");
            PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            session = api.getMethod("createSession", InputStream.class, java.io.OutputStream.class, java.io.OutputStream.class)
                    .invoke(processor, InputStream.nullInputStream(), sink, sink);
            Class<?> sessionApi = ref.getBundle().loadClass("org.apache.felix.service.command.CommandSession");
            execute = sessionApi.getMethod("execute", CharSequence.class);
            close = sessionApi.getMethod("close");
            sessionApi.getMethod("put", String.class, Object.class).invoke(session, "SCOPE", "modux:*");
            ServiceReference<?> fsRef = context.getServiceReference("org.modux.usr.nio.VfsFileSystem");
            if (fsRef != null) {
                Object fs = context.getService(fsRef);
                Object root = fs.getClass().getMethod("path", String.class).invoke(fs, "/");
                sessionApi.getMethod("currentDir", Path.class).invoke(session, root);
            }
            commands = (Set<?>) sessionApi.getMethod("get", String.class).invoke(session, ".commands");
        }

        boolean has(String command) {
            return commands.contains("modux:" + command);
        }

        /** Ends the session, as logging out does: its worker threads go. */
        void close() throws Exception {
            close.invoke(session);
        }

        long time(String... lines) throws Exception {
            long t0 = System.nanoTime();
            for (String line : lines) {
                execute.invoke(session, line);
            }
            return System.nanoTime() - t0;
        }

        /**
         * Gogo's own cycle: install answers "Bundle ID: N"; start and uninstall it by
         * id. (The kernel refreshes a module uninstalled this way by itself.)
         */
        long timeGogo(String url) throws Exception {
            long t0 = System.nanoTime();
            String installed = String.valueOf(execute.invoke(session, "felix:install " + url));
            long id = Long.parseLong(installed.replaceAll("\\D", ""));
            execute.invoke(session, "felix:start " + id);
            execute.invoke(session, "felix:uninstall " + id);
            return System.nanoTime() - t0;
        }
    }

    /** Keeps docs/benchmarks.md's sections: each harness rewrites only its own. */
    static final class Markdown {

        private Markdown() {
        }

        static void replaceSection(Path file, String name, String body) throws IOException {
            String begin = "<!-- " + name + ":begin -->";
            String end = "<!-- " + name + ":end -->";
            String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
            String section = begin + "\n" + body + end;
            int b = text.indexOf(begin);
            int e = text.indexOf(end);
            text = b >= 0 && e > b ? text.substring(0, b) + section + text.substring(e + end.length())
                    : text.stripTrailing() + "\n\n" + section + "\n";
            Files.writeString(file, text);
        }
    }
}
