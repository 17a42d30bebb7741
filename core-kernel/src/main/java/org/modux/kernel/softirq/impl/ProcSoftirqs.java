package org.modux.kernel.softirq.impl;

import org.modux.fs.proc.ProcFs;
import org.modux.fs.proc.SeqFile;
import org.modux.kernel.softirq.SoftirqVector;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * /proc/softirqs (proc(5); Linux: fs/proc/softirqs.c, {@code show_softirqs}): a
 * header of 20 spaces and {@code CPU%-8d} per CPU, then one row per vector, the name
 * right-aligned in 12 columns and a colon, and each CPU's count as a space and 10
 * columns ({@code seq_put_decimal_ull_width}).
 */
@Component
public final class ProcSoftirqs {

    private final ProcFs proc;

    @Activate
    public ProcSoftirqs(@Reference ProcFs proc, @Reference SoftirqCore softirqs) throws ErrnoException {
        this.proc = proc;
        proc.createSingle("softirqs", m -> show(m, softirqs));
    }

    @Deactivate
    void deactivate() throws ErrnoException {
        proc.remove("softirqs");
    }

    static void show(SeqFile m, SoftirqCore softirqs) {
        int cpus = softirqs.nrCpus();
        m.puts("                    ");
        for (int cpu = 0; cpu < cpus; cpu++) {
            m.printf("CPU%-8d", cpu);
        }
        m.putc('\n');
        for (SoftirqVector nr : SoftirqVector.values()) {
            m.printf("%12s:", nr.softirqName());
            for (int cpu = 0; cpu < cpus; cpu++) {
                m.printf(" %10d", softirqs.softirqCount(nr, cpu));
            }
            m.putc('\n');
        }
    }
}
