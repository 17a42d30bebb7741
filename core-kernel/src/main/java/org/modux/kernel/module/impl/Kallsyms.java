package org.modux.kernel.module.impl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.modux.fs.proc.ProcFs;
import org.modux.fs.proc.SeqFile;
import org.modux.uapi.ErrnoException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * /proc/kallsyms (Linux: kernel/kallsyms.c, {@code s_show}; kernel/module/kallsyms.c):
 * the kernel's and the loaded modules' symbols, which in Modux are the services
 * the kernel core and each module register. A symbol gets an address in its
 * owner's image when it is registered: the kernel's from {@code _text}, a module's
 * from its base in the module area. Kernel symbols come first, then each module's,
 * newest module first, as Linux lists them. The type is {@code T} for a symbol
 * whose interface the owner exports (an {@code EXPORT_SYMBOL}), {@code t} for one
 * private to it or GPL-only.
 */
@Component(service = {})
public final class Kallsyms implements ServiceListener {

    /** {@code _text} of an x86-64 kernel without KASLR. */
    static final long KERNEL_TEXT = 0xffffffff81000000L;
    /** Each symbol's slot in its owner's image. */
    private static final long SYMBOL_STRIDE = 0x10;

    private final ProcFs proc;
    private final ModuleCore core;
    private final BundleContext context;
    private final Map<Long, Long> addresses = new ConcurrentHashMap<>();
    /** Each owner's next free slot; weak, so an unloaded module's entry goes with its bundle. */
    private final Map<Bundle, AtomicLong> nextSlot = Collections.synchronizedMap(new WeakHashMap<>());

    @Activate
    public Kallsyms(@Reference ProcFs proc, @Reference ModuleCore core, BundleContext context)
            throws ErrnoException, InvalidSyntaxException {
        this.proc = proc;
        this.core = core;
        this.context = context;
        context.addServiceListener(this);
        ServiceReference<?>[] existing = context.getAllServiceReferences(null, null);
        if (existing != null) {
            for (ServiceReference<?> ref : existing) {
                assign(ref);
            }
        }
        proc.createSingle("kallsyms", this::show);
    }

    @Override
    public void serviceChanged(ServiceEvent event) {
        ServiceReference<?> ref = event.getServiceReference();
        switch (event.getType()) {
            case ServiceEvent.REGISTERED -> assign(ref);
            case ServiceEvent.UNREGISTERING -> addresses.remove(serviceId(ref));
            default -> {
                // A changed property does not move a symbol.
            }
        }
    }

    private void assign(ServiceReference<?> ref) {
        Bundle owner = ref.getBundle();
        if (owner != null) {
            long slot = nextSlot.computeIfAbsent(owner, o -> new AtomicLong()).getAndIncrement();
            addresses.putIfAbsent(serviceId(ref), slot * SYMBOL_STRIDE);
        }
    }

    private static long serviceId(ServiceReference<?> ref) {
        return (Long) ref.getProperty(Constants.SERVICE_ID);
    }

    private void show(SeqFile m) {
        Bundle kernel = context.getBundle();
        for (ServiceReference<?> ref : symbols(kernel)) {
            for (String name : objectClasses(ref)) {
                m.printf("%016x %c %s\n", KERNEL_TEXT + offset(ref), type(kernel, ref, name), name);
            }
        }
        for (KModule mod : core.table.list()) {
            for (ServiceReference<?> ref : symbols(mod.bundle)) {
                for (String name : objectClasses(ref)) {
                    m.printf("%016x %c %s\t[%s]\n", mod.base + offset(ref) % mod.size, type(mod.bundle, ref, name),
                            name, mod.name);
                }
            }
        }
    }

    /** The owner's symbols in address order. */
    private List<ServiceReference<?>> symbols(Bundle owner) {
        List<ServiceReference<?>> refs = new ArrayList<>();
        ServiceReference<?>[] registered = owner.getRegisteredServices();
        if (registered != null) {
            for (ServiceReference<?> ref : registered) {
                if (addresses.containsKey(serviceId(ref))) {
                    refs.add(ref);
                }
            }
        }
        refs.sort((a, b) -> Long.compare(offset(a), offset(b)));
        return refs;
    }

    private long offset(ServiceReference<?> ref) {
        return addresses.getOrDefault(serviceId(ref), 0L);
    }

    private static String[] objectClasses(ServiceReference<?> ref) {
        return (String[]) ref.getProperty(Constants.OBJECTCLASS);
    }

    /**
     * 'T' when the owner exports the interface's package, else 't'. A GPL-only
     * symbol is 't' too: Linux's {@code is_exported} looks in {@code __ksymtab}
     * alone, not in {@code __ksymtab_gpl}.
     */
    private static char type(Bundle owner, ServiceReference<?> ref, String objectClass) {
        if (SymbolVisibility.isGplOnly(ref)) {
            return 't';
        }
        int dot = objectClass.lastIndexOf('.');
        String pkg = dot < 0 ? "" : objectClass.substring(0, dot);
        BundleRevision revision = owner.adapt(BundleRevision.class);
        if (revision != null) {
            for (BundleCapability cap : revision.getDeclaredCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
                if (pkg.equals(cap.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))) {
                    return 'T';
                }
            }
        }
        return 't';
    }

    @Deactivate
    void deactivate() throws ErrnoException {
        context.removeServiceListener(this);
        proc.remove("kallsyms");
    }
}
