package org.modux.kernel.sched.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import org.modux.kernel.impl.Taints;
import org.modux.kernel.module.impl.Leftovers;
import org.modux.kernel.printk.Printk;
import org.modux.kernel.sched.Kthread;
import org.modux.kernel.sched.Kthreads;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * One bundle's {@link Kthreads}: SCR makes an instance per using bundle. It remembers
 * the kernel threads the bundle made; when the bundle goes (after its components'
 * exit), each one still alive is stopped as {@code kthread_stop} would, with a warning
 * naming the module. Linux would leave such a thread running code that is gone. A
 * thread that does not stop within {@value #STOP_WAIT_SECONDS} seconds (it never
 * asks {@code kthread_should_stop}) is reported and left. The list is guarded by
 * this instance's monitor.
 */
@Component(service = Kthreads.class, scope = ServiceScope.BUNDLE)
public final class ModuleKthreads implements Kthreads {

    static final int STOP_WAIT_SECONDS = 5;

    private final KthreadCore kthreads;
    private final Leftovers leftovers;
    private final List<KthreadImpl> made = new ArrayList<>();

    @Activate
    public ModuleKthreads(@Reference KthreadCore kthreads, @Reference Printk printk, @Reference Taints taints,
            ComponentContext context) {
        this.kthreads = kthreads;
        this.leftovers = new Leftovers(context, printk, "kthread", taints);
    }

    @Override
    public Kthread create(IntSupplier fn, String name) {
        return remember(kthreads.create(fn, name));
    }

    @Override
    public Kthread run(IntSupplier fn, String name) {
        Kthread k = create(fn, name);
        k.wakeUp();
        return k;
    }

    @Override
    public Kthread createOnCpu(IntSupplier fn, int cpu, String name) {
        return remember(kthreads.createOnCpu(fn, cpu, name));
    }

    @Override
    public boolean shouldStop() {
        return kthreads.shouldStop();
    }

    @Override
    public boolean shouldPark() {
        return kthreads.shouldPark();
    }

    @Override
    public void parkme() {
        kthreads.parkme();
    }

    private synchronized Kthread remember(Kthread k) {
        made.removeIf(KthreadImpl::hasExited);
        made.add((KthreadImpl) k);
        return k;
    }

    @Deactivate
    void deactivate() {
        List<KthreadImpl> left;
        synchronized (this) {
            left = new ArrayList<>(made);
            made.clear();
        }
        for (KthreadImpl k : left) {
            if (k.hasExited()) {
                continue;
            }
            leftovers.report("kthread %s running, stopping it", k.task.comm);
            if (!k.stop(TimeUnit.SECONDS.toNanos(STOP_WAIT_SECONDS))) {
                leftovers.report("kthread %s (pid %d) running: it did not stop within %d s", k.task.comm, k.task.pid,
                        STOP_WAIT_SECONDS);
            }
        }
    }
}
