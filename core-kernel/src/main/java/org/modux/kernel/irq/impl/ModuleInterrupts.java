package org.modux.kernel.irq.impl;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.modux.kernel.impl.Taints;
import org.modux.kernel.irq.Interrupts;
import org.modux.kernel.irq.IrqHandler;
import org.modux.kernel.module.impl.Leftovers;
import org.modux.kernel.printk.Printk;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * One bundle's {@link Interrupts}: SCR makes an instance per using bundle. It
 * remembers the handlers the bundle requested and has not freed; when the bundle
 * goes, after its components' exit, each one left is freed ({@code free_irq}, which
 * also stops its thread) with a warning naming the module, the line and the name the
 * handler was requested with. Linux would call into code that is gone at the next
 * interrupt. The list is guarded by this instance's monitor.
 */
@Component(service = Interrupts.class, scope = ServiceScope.BUNDLE)
public final class ModuleInterrupts implements Interrupts {

    private record Requested(int irq, Object devId, String name) {
    }

    private final Genirq genirq;
    private final Leftovers leftovers;
    private final List<Requested> requested = new ArrayList<>();

    @Activate
    public ModuleInterrupts(@Reference Genirq genirq, @Reference Printk printk, @Reference Taints taints,
            ComponentContext context) {
        this.genirq = genirq;
        this.leftovers = new Leftovers(context, printk, "genirq", taints);
    }

    @Override
    public void requestIrq(int irq, IrqHandler handler, int flags, String name, Object devId) throws ErrnoException {
        genirq.requestIrq(irq, handler, flags, name, devId);
        remember(irq, devId, name);
    }

    @Override
    public void requestThreadedIrq(int irq, IrqHandler handler, IrqHandler threadFn, int flags, String name,
            Object devId) throws ErrnoException {
        genirq.requestThreadedIrq(irq, handler, threadFn, flags, name, devId);
        remember(irq, devId, name);
    }

    private synchronized void remember(int irq, Object devId, String name) {
        requested.add(new Requested(irq, devId, name));
    }

    @Override
    public String freeIrq(int irq, Object devId) {
        String name = genirq.freeIrq(irq, devId);
        if (name != null) {
            synchronized (this) {
                for (int i = 0; i < requested.size(); i++) {
                    Requested r = requested.get(i);
                    if (r.irq == irq && r.devId == devId) {
                        requested.remove(i);
                        break;
                    }
                }
            }
        }
        return name;
    }

    @Override
    public void disableIrq(int irq) {
        genirq.disableIrq(irq);
    }

    @Override
    public void disableIrqNosync(int irq) {
        genirq.disableIrqNosync(irq);
    }

    @Override
    public void enableIrq(int irq) {
        genirq.enableIrq(irq);
    }

    @Override
    public void synchronizeIrq(int irq) {
        genirq.synchronizeIrq(irq);
    }

    @Override
    public void irqSetAffinity(int irq, BitSet cpus) throws ErrnoException {
        genirq.irqSetAffinity(irq, cpus);
    }

    @Override
    public long kstatIrqsCpu(int irq, int cpu) {
        return genirq.kstatIrqsCpu(irq, cpu);
    }

    @Deactivate
    void deactivate() {
        List<Requested> left;
        synchronized (this) {
            left = new ArrayList<>(requested);
            requested.clear();
        }
        for (int i = left.size() - 1; i >= 0; i--) {
            Requested r = left.get(i);
            leftovers.report("irq %d (%s) requested, freeing it", r.irq, r.name);
            genirq.freeIrq(r.irq, r.devId);
        }
    }
}
