package org.modux.kernel.workqueue.impl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Consumer;

import org.modux.kernel.impl.Taints;
import org.modux.kernel.module.impl.Leftovers;
import org.modux.kernel.printk.Printk;
import org.modux.kernel.workqueue.WorkStruct;
import org.modux.kernel.workqueue.WorkqueueStruct;
import org.modux.kernel.workqueue.Workqueues;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * One bundle's {@link Workqueues}: SCR makes an instance per using bundle. It
 * remembers, weakly, the work items the bundle initialised (a queued one is held by
 * its pool); when the bundle goes, after its components' exit, each is cancelled
 * with {@code cancel_work_sync}, which also waits for one that runs, and a warning
 * names the module and how many were still pending. The set is guarded by this
 * instance's monitor.
 */
@Component(service = Workqueues.class, scope = ServiceScope.BUNDLE)
public final class ModuleWorkqueues implements Workqueues {

    private final WorkqueueCore workqueues;
    private final Leftovers leftovers;
    private final Set<WorkStruct> made = Collections.newSetFromMap(new WeakHashMap<>());

    @Activate
    public ModuleWorkqueues(@Reference WorkqueueCore workqueues, @Reference Printk printk, @Reference Taints taints,
            ComponentContext context) {
        this.workqueues = workqueues;
        this.leftovers = new Leftovers(context, printk, "workqueue", taints);
    }

    @Override
    public WorkqueueStruct systemWq() {
        return workqueues.systemWq();
    }

    @Override
    public WorkStruct initWork(Consumer<WorkStruct> fn) {
        WorkStruct w = workqueues.initWork(fn);
        synchronized (this) {
            made.add(w);
        }
        return w;
    }

    @Override
    public boolean queueWork(WorkqueueStruct wq, WorkStruct work) {
        return workqueues.queueWork(wq, work);
    }

    @Override
    public boolean queueWorkOn(int cpu, WorkqueueStruct wq, WorkStruct work) {
        return workqueues.queueWorkOn(cpu, wq, work);
    }

    @Override
    public boolean scheduleWork(WorkStruct work) {
        return workqueues.scheduleWork(work);
    }

    @Override
    public boolean flushWork(WorkStruct work) {
        return workqueues.flushWork(work);
    }

    @Override
    public boolean cancelWorkSync(WorkStruct work) {
        return workqueues.cancelWorkSync(work);
    }

    @Deactivate
    void deactivate() {
        List<WorkStruct> left;
        synchronized (this) {
            left = new ArrayList<>(made);
            made.clear();
        }
        int pending = 0;
        for (WorkStruct w : left) {
            if (workqueues.cancelWorkSync(w)) {
                pending++;
            }
        }
        if (pending > 0) {
            leftovers.report("%d work item%s pending, cancelled", pending, pending == 1 ? "" : "s");
        }
    }
}
