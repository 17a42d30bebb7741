package org.modux.kernel.workqueue.impl;

import java.util.function.Consumer;

import org.modux.kernel.impl.Taints;
import org.modux.kernel.module.impl.Leftovers;
import org.modux.kernel.module.impl.Remembered;
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
 * names the module and how many were still pending.
 */
@Component(service = Workqueues.class, scope = ServiceScope.BUNDLE)
public final class ModuleWorkqueues implements Workqueues {

    private final WorkqueueCore workqueues;
    private final Leftovers leftovers;
    private final Remembered<WorkStruct> made = new Remembered<>();

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
        return made.add(workqueues.initWork(fn));
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
        leftovers.reportCount(made.releaseAll(workqueues::cancelWorkSync), "work item", "pending, cancelled");
    }
}
