package org.modux.kernel.softirq.impl;

import java.util.function.Consumer;

import org.modux.kernel.impl.Taints;
import org.modux.kernel.module.impl.Leftovers;
import org.modux.kernel.module.impl.Remembered;
import org.modux.kernel.printk.Printk;
import org.modux.kernel.softirq.SoftirqVector;
import org.modux.kernel.softirq.Softirqs;
import org.modux.kernel.softirq.Tasklet;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * One bundle's {@link Softirqs}: SCR makes an instance per using bundle. It
 * remembers, weakly, the tasklets the bundle set up (a scheduled one is held by its
 * CPU's list); when the bundle goes, after its components' exit, each is killed
 * ({@code tasklet_kill}, enabled first if the module left it disabled), and a
 * warning names the module and how many were still scheduled. The softirq vectors
 * are the kernel's: {@code open_softirq} is not exported to modules, as in Linux.
 */
@Component(service = Softirqs.class, scope = ServiceScope.BUNDLE)
public final class ModuleSoftirqs implements Softirqs {

    private final SoftirqCore softirqs;
    private final Leftovers leftovers;
    private final Remembered<Tasklet> made = new Remembered<>();

    @Activate
    public ModuleSoftirqs(@Reference SoftirqCore softirqs, @Reference Printk printk, @Reference Taints taints,
            ComponentContext context) {
        this.softirqs = softirqs;
        this.leftovers = new Leftovers(context, printk, "softirq", taints);
    }

    /** {@code open_softirq} is the kernel's own: refused to modules. */
    @Override
    public void openSoftirq(SoftirqVector nr, Runnable action) {
        throw new UnsupportedOperationException("open_softirq is not exported to modules (" + leftovers.owner() + ")");
    }

    @Override
    public void raiseSoftirq(SoftirqVector nr) {
        softirqs.raiseSoftirq(nr);
    }

    @Override
    public boolean inSoftirq() {
        return softirqs.inSoftirq();
    }

    @Override
    public boolean inServingSoftirq() {
        return softirqs.inServingSoftirq();
    }

    @Override
    public boolean inInterrupt() {
        return softirqs.inInterrupt();
    }

    @Override
    public void localBhDisable() {
        softirqs.localBhDisable();
    }

    @Override
    public void localBhEnable() {
        softirqs.localBhEnable();
    }

    @Override
    public long softirqCount(SoftirqVector nr, int cpu) {
        return softirqs.softirqCount(nr, cpu);
    }

    @Override
    public Tasklet taskletSetup(Consumer<Tasklet> callback) {
        return made.add(softirqs.taskletSetup(callback));
    }

    @Override
    public void taskletSchedule(Tasklet t) {
        softirqs.taskletSchedule(t);
    }

    @Override
    public void taskletHiSchedule(Tasklet t) {
        softirqs.taskletHiSchedule(t);
    }

    @Override
    public void taskletDisableNosync(Tasklet t) {
        softirqs.taskletDisableNosync(t);
    }

    @Override
    public void taskletDisable(Tasklet t) {
        softirqs.taskletDisable(t);
    }

    @Override
    public void taskletEnable(Tasklet t) {
        softirqs.taskletEnable(t);
    }

    @Override
    public void taskletKill(Tasklet t) {
        softirqs.taskletKill(t);
    }

    @Deactivate
    void deactivate() {
        leftovers.reportCount(made.releaseAll(this::kill), "tasklet", "scheduled, killed");
    }

    /** Kills a tasklet the module left, enabling it first; whether it was scheduled. */
    private boolean kill(Tasklet t) {
        boolean scheduled = t.isScheduled();
        while (t.disableCount() > 0) {
            softirqs.taskletEnable(t);
        }
        softirqs.taskletKill(t);
        return scheduled;
    }
}
