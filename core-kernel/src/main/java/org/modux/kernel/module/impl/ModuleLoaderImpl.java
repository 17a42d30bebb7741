package org.modux.kernel.module.impl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

import org.modux.fs.OpenFlags;
import org.modux.kernel.Taint;
import org.modux.kernel.impl.Taints;
import org.modux.kernel.module.ModuleHeaders;
import org.modux.kernel.module.ModuleLoader;
import org.modux.kernel.module.ModuleState;
import org.modux.kernel.module.impl.ModuleParams.Param;
import org.modux.kernel.module.impl.ModuleParams.ParamException;
import org.modux.kernel.printk.Printk;
import org.modux.lib.kobject.Kobjects;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.BundleListener;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.metatype.MetaTypeService;

/**
 * The module loader (Linux: kernel/module/main.c, {@code load_module},
 * {@code do_init_module}, {@code delete_module}): the init_module and
 * delete_module system calls, and the bookkeeping every module bundle gets
 * however it was installed.
 *
 * <p>Loading follows {@code load_module}'s order, and a failure undoes the steps
 * done so far in reverse, as its unwind labels do: install the bundle, check its
 * symbols (nothing of the module has run yet), resolve it, parse its parameters
 * into configurations, then start it, which runs init. The module becomes known
 * (taints, /sys/module/NAME, the module list) when its bundle starts, and is
 * forgotten when its bundle stops; a synchronous bundle listener does both, so a
 * bundle started with Gogo's {@code start} is a module like any other.
 *
 * <p>Locking: {@code moduleMutex} ({@code module_mutex}) serializes the system
 * calls. The listener never takes it: it runs on threads that may hold framework
 * locks, which the system calls take while holding the mutex.
 */
@Component(service = ModuleLoader.class, immediate = true)
public final class ModuleLoaderImpl implements ModuleLoader, SynchronousBundleListener {

    private static final long REFRESH_TIMEOUT_SECONDS = 30;

    private final ModuleCore core;
    private final Printk log;
    private final Taints taints;
    private final Kobjects kobjects;
    private final ConfigurationAdmin cm;
    private final MetaTypeService metatype;
    private final ServiceComponentRuntime scr;
    private final ModuleParams.Declarations declarations = new ModuleParams.Declarations();
    private final BundleContext context;
    private final ReentrantLock moduleMutex = new ReentrantLock();
    /** Loads in progress through init_module, by bundle id. */
    private final Map<Long, LoadRequest> requests = new ConcurrentHashMap<>();
    /** Bundles delete_module is removing, whose refresh it does itself. */
    private final Set<Long> deleting = ConcurrentHashMap.newKeySet();
    /** Modules started by another route whose init is still to be judged, by bundle id. */
    private final Set<Long> otherRoute = ConcurrentHashMap.newKeySet();
    /**
     * Judges the init of a module started by another route. It is an asynchronous
     * listener because the framework delivers STARTED to those only after every
     * synchronous listener has seen it, SCR's included, which runs init: the
     * synchronous ones come in no fixed order, so one of them cannot tell whether
     * init has run yet.
     */
    private final BundleListener initJudge = this::judgeInit;
    /**
     * A kernel thread that removes modules whose init failed when no system call is
     * waiting to do it, and refreshes modules uninstalled by other routes. Started
     * with the loader, as Linux's kthreads start at boot.
     */
    private final ThreadPoolExecutor reaper = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> new Thread(r, "kmod_reaper"));

    @Activate
    public ModuleLoaderImpl(@Reference ModuleCore core, @Reference Printk printk, @Reference Taints taints,
            @Reference Kobjects kobjects, @Reference ConfigurationAdmin cm, @Reference MetaTypeService metatype,
            @Reference ServiceComponentRuntime scr, BundleContext context) {
        this.core = core;
        this.log = printk.subsystem("module");
        this.taints = taints;
        this.kobjects = kobjects;
        this.cm = cm;
        this.metatype = metatype;
        this.scr = scr;
        this.context = context;
        reaper.prestartCoreThread();
        context.addBundleListener(this);
        context.addBundleListener(initJudge);
        // A loader restarted by SCR takes over the module list: forget what stopped
        // meanwhile, adopt what started.
        for (KModule stale : core.table.list()) {
            if (stale.bundle.getState() != Bundle.ACTIVE) {
                tearDown(stale);
            }
        }
        for (Bundle b : context.getBundles()) {
            if (b.getState() == Bundle.ACTIVE && ModuleHooks.isModule(b) && core.table.forBundle(b).isEmpty()) {
                KModule mod = setUp(b, null);
                if (mod != null) {
                    live(mod);
                }
            }
        }
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(this);
        context.removeBundleListener(initJudge);
        reaper.shutdownNow();
    }

    // ---- init_module ------------------------------------------------------------

    @Override
    public String initModule(String path, byte[] image, String params, int flags) throws ErrnoException {
        moduleMutex.lock();
        Deque<Runnable> unwind = new ArrayDeque<>();
        try {
            return loadModule(path, image, params, flags != 0, unwind);
        } catch (ErrnoException e) {
            while (!unwind.isEmpty()) {
                unwind.pop().run();
            }
            throw e;
        } finally {
            moduleMutex.unlock();
        }
    }

    private String loadModule(String path, byte[] image, String args, boolean forced, Deque<Runnable> unwind)
            throws ErrnoException {
        Manifest manifest = manifest(image);
        String name = moduleName(path, manifest);
        checkVermagic(name, manifest, forced);
        if (core.table.find(name).isPresent() || context.getBundle(path) != null) {
            throw new ErrnoException(Errno.EEXIST);
        }
        Bundle bundle = installChecked(path, image, name, forced, unwind);
        core.symbolsChecked.add(bundle.getBundleId());
        try {
            if (!core.wiring.resolveBundles(Set.of(bundle))) {
                log.prErr("%s: cannot be resolved", name);
                throw new ErrnoException(Errno.ENOEXEC);
            }
        } finally {
            core.symbolsChecked.remove(bundle.getBundleId());
        }
        LoadRequest request = new LoadRequest(path, declarations.of(bundle, metatype, image), forced);
        request.size = ModuleImage.size(image);
        configure(name, bundle, request, args);
        // The configurations go after the bundle, or SCR would re-run init with the defaults.
        unwind.pop();
        unwind.push(() -> {
            uninstall(bundle);
            deleteConfigurations(request);
        });
        requests.put(bundle.getBundleId(), request);
        try {
            start(name, bundle);
            KModule mod = core.table.forBundle(bundle).orElseThrow(() -> new ErrnoException(request.refused));
            checkInit(mod);
            live(mod);
            return name;
        } finally {
            requests.remove(bundle.getBundleId());
        }
    }

    /** The Module-Name of a module bundle image; ENOEXEC for anything else. */
    private static Manifest manifest(byte[] image) {
        try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(image))) {
            return jar.getManifest();
        } catch (IOException e) {
            return null;
        }
    }

    private String moduleName(String path, Manifest manifest) throws ErrnoException {
        String name = manifest == null ? null : manifest.getMainAttributes().getValue(ModuleHeaders.MODULE_NAME);
        if (name == null || name.isBlank()) {
            log.prErr("module: %s: not a module bundle (no %s header)", path, ModuleHeaders.MODULE_NAME);
            throw new ErrnoException(Errno.ENOEXEC);
        }
        return ModuleTable.normalize(name.strip());
    }

    /**
     * {@code check_modinfo}'s vermagic check: a module built for another kernel
     * release is refused unless the load is forced (which taints F, "bad vermagic").
     */
    private void checkVermagic(String name, Manifest manifest, boolean forced) throws ErrnoException {
        String built = manifest.getMainAttributes().getValue(ModuleHeaders.RELEASE);
        String running = Manifests.header(context.getBundle(), ModuleHeaders.RELEASE);
        if (built != null && running != null && !built.strip().equals(running) && !forced) {
            log.prErr("%s: version magic '%s' should be '%s'", name, built.strip(), running);
            throw new ErrnoException(Errno.ENOEXEC);
        }
    }

    private Bundle install(String path, byte[] image, String name) throws ErrnoException {
        try {
            return context.installBundle(path, new ByteArrayInputStream(image));
        } catch (BundleException e) {
            if (e.getType() == BundleException.DUPLICATE_BUNDLE_ERROR) {
                throw new ErrnoException(Errno.EEXIST);
            }
            log.prErr("%s: invalid module bundle: %s", name, e.getMessage());
            throw new ErrnoException(Errno.ENOEXEC, e);
        }
    }

    /**
     * Installs the image and checks its symbols; a forced load whose only problem is
     * API versions is installed again without the version ranges ({@link ForcedImage}).
     */
    private Bundle installChecked(String path, byte[] image, String name, boolean forced, Deque<Runnable> unwind)
            throws ErrnoException {
        Bundle bundle = install(path, image, name);
        unwind.push(() -> uninstall(bundle));
        List<ModuleFailure> failures = core.symbols.check(bundle);
        if (failures.isEmpty() || !forced
                || !failures.stream().allMatch(f -> f.reason() == ModuleFailure.Reason.VERSION_MISMATCH)) {
            reportSymbols(name, failures);
            return bundle;
        }
        unwind.pop().run();
        byte[] unversioned;
        try {
            unversioned = ForcedImage.withoutVersions(image,
                    failures.stream().map(ModuleFailure::symbol).collect(Collectors.toSet()));
        } catch (IOException e) {
            throw new ErrnoException(Errno.ENOEXEC, e);
        }
        Bundle again = install(path, unversioned, name);
        unwind.push(() -> uninstall(again));
        reportSymbols(name, core.symbols.check(again));
        return again;
    }

    /** {@code simplify_symbols}: every missing symbol is logged, then the load fails. */
    private void reportSymbols(String name, List<ModuleFailure> failures) throws ErrnoException {
        if (failures.isEmpty()) {
            return;
        }
        core.report(log, name, failures);
        boolean version = failures.stream().anyMatch(f -> f.reason() == ModuleFailure.Reason.VERSION_MISMATCH);
        throw new ErrnoException(version ? Errno.ENOEXEC : Errno.ENOENT);
    }

    /** Parses the arguments and stores them as the configurations init will see. */
    private void configure(String name, Bundle bundle, LoadRequest request, String args) throws ErrnoException {
        Map<String, Hashtable<String, Object>> byPid;
        try {
            byPid = request.params.parse(name, args);
        } catch (ParamException e) {
            log.prErr("%s", e.getMessage());
            throw new ErrnoException(e.errno);
        }
        for (Map.Entry<String, Hashtable<String, Object>> e : byPid.entrySet()) {
            try {
                Configuration c = cm.getConfiguration(e.getKey(), bundle.getLocation());
                request.configurations.add(c);
                c.update(e.getValue());
            } catch (IOException ex) {
                log.prErr("%s: cannot store parameters: %s", name, ex.getMessage());
                deleteConfigurations(request);
                throw new ErrnoException(Errno.EIO, ex);
            }
        }
    }

    /** Starts the bundle, which runs init; a failing activator fails the load. */
    private void start(String name, Bundle bundle) throws ErrnoException {
        try {
            bundle.start();
        } catch (BundleException | IllegalStateException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            log.prErr("%s: init failed: %s", name, cause);
            throw new ErrnoException(errnoOf(cause), cause);
        }
    }

    /**
     * {@code do_init_module}: init is the activation of the module's components; if
     * one failed, the module is removed and the load fails with the errno its
     * exception carried (EFAULT for an exception that is a bug rather than an error).
     */
    private void checkInit(KModule mod) throws ErrnoException {
        String failure = initFailure(mod.bundle);
        if (failure == null) {
            return;
        }
        logInitFailure(mod.name, failure);
        throw new ErrnoException(errnoOf(failure));
    }

    /**
     * The exception that failed init: its innermost cause on the console (SCR wraps a
     * constructor's exception), the whole trace at KERN_DEBUG for dmesg.
     */
    private void logInitFailure(String name, String failure) {
        String headline = failure.lines().filter(l -> l.startsWith("Caused by: ")).reduce((a, b) -> b)
                .map(l -> l.substring("Caused by: ".length()))
                .orElseGet(() -> failure.lines().findFirst().orElse(failure));
        log.prErr("%s: init failed: %s", name, headline);
        failure.lines().forEach(line -> log.prDebug("%s: %s", name, line));
    }

    /** The failure text of the first component of {@code bundle} whose activation failed, or null. */
    private String initFailure(Bundle bundle) {
        for (ComponentDescriptionDTO desc : scr.getComponentDescriptionDTOs(bundle)) {
            for (ComponentConfigurationDTO config : scr.getComponentConfigurationDTOs(desc)) {
                if (config.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    return config.failure == null ? "activation failed" : config.failure;
                }
            }
        }
        return null;
    }

    private static Errno errnoOf(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ErrnoException e) {
                return e.errno();
            }
        }
        return Errno.EFAULT;
    }

    /** The errno an ErrnoException named in a failure text carries, by its glibc message. */
    private static Errno errnoOf(String failure) {
        String marker = ErrnoException.class.getName() + ": ";
        int at = failure.indexOf(marker);
        if (at >= 0) {
            String message = failure.substring(at + marker.length()).lines().findFirst().orElse("").strip();
            for (Errno e : Errno.values()) {
                if (e.message().equals(message)) {
                    return e;
                }
            }
        }
        return Errno.EFAULT;
    }

    // ---- delete_module ----------------------------------------------------------

    @Override
    public void deleteModule(String name, int flags) throws ErrnoException {
        moduleMutex.lock();
        try {
            KModule mod = core.table.find(name).orElseThrow(() -> new ErrnoException(Errno.ENOENT));
            if (!core.table.holders(mod).isEmpty()) {
                throw new ErrnoException(Errno.EAGAIN);
            }
            if (mod.state() != ModuleState.LIVE) {
                throw new ErrnoException(Errno.EBUSY);
            }
            if (mod.refcount() != 0) {
                if ((flags & OpenFlags.O_TRUNC) == 0) {
                    throw new ErrnoException(Errno.EAGAIN);
                }
                taints.add(Taint.FORCED_RMMOD);
            }
            mod.setState(ModuleState.GOING);
            deleting.add(mod.bundle.getBundleId());
            try {
                mod.bundle.stop();
            } catch (BundleException e) {
                log.prErr("%s: exit failed: %s", mod.name, e.getCause() != null ? e.getCause() : e);
            } finally {
                uninstall(mod.bundle);
                deleting.remove(mod.bundle.getBundleId());
            }
        } finally {
            moduleMutex.unlock();
        }
    }

    /** Uninstalls and refreshes {@code bundle} alone, so its class loader can go; waits for the refresh. */
    private void uninstall(Bundle bundle) {
        try {
            bundle.uninstall();
        } catch (BundleException | IllegalStateException e) {
            return;
        }
        CountDownLatch refreshed = new CountDownLatch(1);
        core.wiring.refreshBundles(Set.of(bundle), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
                refreshed.countDown();
            }
        });
        try {
            refreshed.await(REFRESH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        FelixLeaks.forget(context, bundle, metatype);
    }

    // ---- every module bundle, whatever route it came by -------------------------

    @Override
    public void bundleChanged(BundleEvent event) {
        Bundle bundle = event.getBundle();
        if (!ModuleHooks.isModule(bundle)) {
            return;
        }
        switch (event.getType()) {
            case BundleEvent.STARTING -> setUp(bundle, requests.get(bundle.getBundleId()));
            case BundleEvent.STARTED -> {
                if (!requests.containsKey(bundle.getBundleId()) && core.table.forBundle(bundle).isPresent()) {
                    otherRoute.add(bundle.getBundleId());
                }
            }
            case BundleEvent.STOPPING -> core.table.forBundle(bundle).ifPresent(m -> m.setState(ModuleState.GOING));
            case BundleEvent.STOPPED -> core.table.forBundle(bundle).ifPresent(this::tearDown);
            case BundleEvent.UNINSTALLED -> {
                core.visibility.forget(bundle);
                Manifests.forget(bundle);
                if (!deleting.contains(bundle.getBundleId()) && !requests.containsKey(bundle.getBundleId())) {
                    reaper.execute(() -> core.wiring.refreshBundles(Set.of(bundle),
                            e -> FelixLeaks.forget(context, bundle, metatype)));
                }
            }
            default -> {
                // Installed, resolved, unresolved, updated: not a module event.
            }
        }
    }

    /**
     * The module becomes known as its init is about to run ({@code load_module}'s
     * {@code add_unformed_module}, taints and {@code mod_sysfs_setup}). Returns null
     * if it cannot be set up, which is logged.
     */
    private KModule setUp(Bundle bundle, LoadRequest request) {
        String name = ModuleTable.normalize(ModuleName.of(bundle));
        LoadRequest req = request != null ? request
                : new LoadRequest(bundle.getLocation(), ModuleParams.of(bundle, metatype), false);
        long size = req.size != ModuleImage.UNKNOWN ? req.size : ModuleImage.size(bundle);
        long base = core.area.alloc(size);
        if (base == -1) {
            log.prErr("%s: cannot allocate %d bytes in the module area", name, size);
            req.refused = Errno.ENOMEM;
            return null;
        }
        String license = Licenses.of(Manifests.header(bundle, ModuleHeaders.LICENSE));
        KModule mod = new KModule(core.table, name, bundle, license, size, base, req);
        if (!core.table.add(mod)) {
            core.area.free(base);
            log.prErr("%s: module is already loaded", name);
            req.refused = Errno.EEXIST;
            return null;
        }
        applyTaints(mod, bundle);
        try {
            mod.sysfs = ModuleSysfs.add(kobjects, mod);
        } catch (ErrnoException e) {
            log.prErr("%s: cannot add /sys/module/%s: %s", name, name, e.getMessage());
        }
        return mod;
    }

    /** {@code module_augment_kernel_taints}: the licence, out-of-tree and forced-load taints, each logged. */
    private void applyTaints(KModule mod, Bundle bundle) {
        if (!"Y".equals(Manifests.header(bundle, ModuleHeaders.MODULE_INTREE))
                && taint(mod, Taint.OOT_MODULE)) {
            log.prWarn("%s: loading out-of-tree module taints kernel.", mod.name);
        }
        if (!Licenses.isGplCompatible(mod.license) && taint(mod, Taint.PROPRIETARY_MODULE)) {
            log.prWarn("%s: module license '%s' taints kernel.", mod.name,
                    mod.license.isEmpty() ? "unspecified" : mod.license);
        }
        if (mod.request.forced && taint(mod, Taint.FORCED_MODULE)) {
            log.prWarn("%s: %s: kernel tainted.", mod.name, "bad vermagic");
        }
    }

    /** {@code add_taint_module}; returns whether the kernel was not yet tainted so, when Linux speaks up. */
    private boolean taint(KModule mod, Taint flag) {
        boolean first = (taints.mask() & flag.bit()) == 0;
        mod.addTaint(flag);
        taints.add(flag);
        return first;
    }

    /** Init has completed: the module is live; its parameters show in sysfs and its users link up. */
    private void live(KModule mod) {
        mod.setState(ModuleState.LIVE);
        ModuleSysfs sysfs = mod.sysfs;
        if (sysfs != null) {
            Set<String> writablePids = writablePids(mod.bundle);
            try {
                sysfs.addParameters(mod.request.params, p -> writablePids.contains(p.pid()),
                        (p, value) -> storeParam(mod, p, value));
            } catch (ErrnoException e) {
                log.prErr("%s: cannot add parameters to sysfs: %s", mod.name, e.getMessage());
            }
        }
        syncHolders();
    }

    private void judgeInit(BundleEvent event) {
        if (event.getType() == BundleEvent.STARTED && otherRoute.remove(event.getBundle().getBundleId())) {
            core.table.forBundle(event.getBundle()).filter(m -> m.state() == ModuleState.COMING)
                    .ifPresent(this::completeOtherRoute);
        }
    }

    /**
     * A module started by another route, once its init has run: if init failed the
     * module is removed, as insmod would have done.
     */
    private void completeOtherRoute(KModule mod) {
        String failure = initFailure(mod.bundle);
        if (failure == null) {
            live(mod);
            return;
        }
        logInitFailure(mod.name, failure);
        reaper.execute(() -> {
            try {
                mod.bundle.stop();
            } catch (BundleException | IllegalStateException e) {
                // It went already.
            }
            uninstall(mod.bundle);
        });
    }

    /** The configuration PIDs whose component takes new values while running (it has a modified method). */
    private Set<String> writablePids(Bundle bundle) {
        Set<String> pids = new HashSet<>();
        for (ComponentDescriptionDTO desc : scr.getComponentDescriptionDTOs(bundle)) {
            if (desc.modified != null) {
                pids.addAll(List.of(desc.configurationPid));
            }
        }
        return pids;
    }

    /** A write to /sys/module/NAME/parameters/P: parsed as at load, then handed to the running module. */
    private void storeParam(KModule mod, Param p, String value) throws ErrnoException {
        mod.request.params.set(p, value);
        try {
            Configuration c = cm.getConfiguration(p.pid(), mod.bundle.getLocation());
            if (!mod.request.configurations.contains(c)) {
                mod.request.configurations.add(c);
            }
            c.update(mod.request.params.properties(p.pid()));
        } catch (IOException e) {
            throw new ErrnoException(Errno.EIO, e);
        }
    }

    /** The module's bundle stopped: {@code free_module}. */
    private void tearDown(KModule mod) {
        mod.setState(ModuleState.GOING);
        core.table.remove(mod);
        ModuleSysfs sysfs = mod.sysfs;
        if (sysfs != null) {
            sysfs.remove();
        }
        deleteConfigurations(mod.request);
        core.area.free(mod.base);
        syncHolders();
    }

    private void deleteConfigurations(LoadRequest request) {
        for (Configuration c : request.configurations) {
            try {
                c.delete();
            } catch (IOException | IllegalStateException e) {
                // Already deleted.
            }
        }
        request.configurations.clear();
    }

    private void syncHolders() {
        for (KModule m : core.table.list()) {
            ModuleSysfs sysfs = m.sysfs;
            if (sysfs != null) {
                sysfs.syncHolders(core.table.holders(m));
            }
        }
    }
}
