package org.modux.modules.sched_pingpong;

import org.modux.kernel.printk.Printk;
import org.modux.kernel.sched.Completion;
import org.modux.kernel.sched.Kthread;
import org.modux.kernel.sched.Kthreads;
import org.modux.kernel.sched.Scheduler;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Measures context switches the way {@code perf bench sched pipe} does, inside the
 * kernel: init makes two kthreads bound to one CPU, {@code ping} and {@code pong},
 * that hand the CPU to each other {@code rounds} times through two completions
 * (each round trip is two context switches, with the scheduler's bookkeeping and
 * accounting), waits for both with {@code kthread_stop}, and prints the rate.
 */
@Component(immediate = true)
@Designate(ocd = SchedPingpong.Params.class)
public final class SchedPingpong {

    /** The module's parameters. */
    @ObjectClassDefinition(name = "sched_pingpong", description = "Parameters of the sched_pingpong module")
    public @interface Params {
        @AttributeDefinition(description = "Round trips to make")
        int rounds() default 100000;

        @AttributeDefinition(description = "The CPU both kthreads run on")
        int cpu() default 0;
    }

    @Activate
    public SchedPingpong(@Reference Printk printk, @Reference Scheduler sched, @Reference Kthreads kthreads,
            Params params) throws ErrnoException {
        int rounds = params.rounds();
        int cpu = params.cpu();
        if (rounds <= 0 || cpu < 0) {
            throw new ErrnoException(Errno.EINVAL);
        }
        Completion ping = sched.newCompletion();
        Completion pong = sched.newCompletion();
        Kthread a = kthreads.createOnCpu(() -> {
            for (int i = 0; i < rounds; i++) {
                ping.complete();
                pong.waitForCompletion();
            }
            return 0;
        }, cpu, "ping/" + cpu);
        Kthread b = kthreads.createOnCpu(() -> {
            for (int i = 0; i < rounds; i++) {
                ping.waitForCompletion();
                pong.complete();
            }
            return 0;
        }, cpu, "pong/" + cpu);
        long t0 = System.nanoTime();
        a.wakeUp();
        b.wakeUp();
        a.stop();
        b.stop();
        long ns = System.nanoTime() - t0;
        printk.prInfo("sched_pingpong: %d round trips on CPU %d in %d us: %d round trips/s", rounds, cpu, ns / 1000,
                (long) (rounds * 1e9 / ns));
    }
}
