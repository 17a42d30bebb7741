package org.modux.kernel.time.impl;

import java.util.function.Consumer;

import org.modux.kernel.impl.Taints;
import org.modux.kernel.module.impl.Leftovers;
import org.modux.kernel.module.impl.Remembered;
import org.modux.kernel.printk.Printk;
import org.modux.kernel.time.TimerList;
import org.modux.kernel.time.Timers;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * One bundle's {@link Timers}: SCR makes an instance per using bundle. It remembers,
 * weakly, the timers the bundle set up (a pending timer is held by its wheel, so it
 * stays remembered); when the bundle goes, after its components' exit, each one
 * still pending is deleted with {@code timer_delete_sync}, and a warning names the
 * module and how many. Linux would fire them into code that is gone.
 */
@Component(service = Timers.class, scope = ServiceScope.BUNDLE)
public final class ModuleTimers implements Timers {

    private final TimerCore timers;
    private final Leftovers leftovers;
    private final Remembered<TimerList> made = new Remembered<>();

    @Activate
    public ModuleTimers(@Reference TimerCore timers, @Reference Printk printk, @Reference Taints taints,
            ComponentContext context) {
        this.timers = timers;
        this.leftovers = new Leftovers(context, printk, "timer", taints);
    }

    @Override
    public long jiffies() {
        return timers.jiffies();
    }

    @Override
    public long msecsToJiffies(long ms) {
        return timers.msecsToJiffies(ms);
    }

    @Override
    public long jiffiesToMsecs(long j) {
        return timers.jiffiesToMsecs(j);
    }

    @Override
    public TimerList timerSetup(Consumer<TimerList> function, int flags) {
        return made.add(timers.timerSetup(function, flags));
    }

    @Override
    public void addTimer(TimerList timer, long expires) {
        timers.addTimer(timer, expires);
    }

    @Override
    public void addTimerOn(TimerList timer, long expires, int cpu) {
        timers.addTimerOn(timer, expires, cpu);
    }

    @Override
    public boolean modTimer(TimerList timer, long expires) {
        return timers.modTimer(timer, expires);
    }

    @Override
    public boolean timerPending(TimerList timer) {
        return timers.timerPending(timer);
    }

    @Override
    public boolean timerDelete(TimerList timer) {
        return timers.timerDelete(timer);
    }

    @Override
    public boolean timerDeleteSync(TimerList timer) {
        return timers.timerDeleteSync(timer);
    }

    @Deactivate
    void deactivate() {
        leftovers.reportCount(made.releaseAll(timers::timerDeleteSync), "timer", "pending, deleted");
    }
}
