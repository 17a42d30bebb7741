package org.modux.kernel.irq.impl;

import java.util.BitSet;

import org.modux.fs.proc.ProcFs;
import org.modux.fs.proc.SeqFile;
import org.modux.hw.irq.InterruptController;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * /proc/irq/N/smp_affinity and smp_affinity_list (Linux: kernel/irq/proc.c,
 * {@code irq_affinity_proc_show}, {@code write_irq_affinity};
 * Documentation/core-api/irq/irq-affinity.rst): the CPUs line N may go to, as a hex
 * mask ({@code %*pb}) or a list of ranges ({@code %*pbl}), read and written. A
 * written set with no CPU of the machine changes nothing and succeeds, as on x86,
 * where {@code irq_select_affinity_usr} has nothing to choose. Made for the lines the
 * controller has at start (the IO-APIC's); the other files of /proc/irq/N are not
 * modelled.
 */
@Component
public final class ProcIrq {

    private final Genirq genirq;
    private final InterruptController chip;

    @Activate
    public ProcIrq(@Reference ProcFs proc, @Reference Genirq genirq, @Reference InterruptController chip)
            throws ErrnoException {
        this.genirq = genirq;
        this.chip = chip;
        proc.mkdir("irq");
        for (int irq = 0; irq < chip.nrIrqs(); irq++) {
            if (!chip.exists(irq)) {
                continue;
            }
            int n = irq;
            proc.mkdir("irq/" + n);
            proc.create("irq/" + n + "/smp_affinity", 0644, m -> showMask(m, chip.affinity(n)),
                    text -> write(n, parseMask(text)));
            proc.create("irq/" + n + "/smp_affinity_list", 0644, m -> showList(m, chip.affinity(n)),
                    text -> write(n, parseList(text)));
        }
    }

    /** {@code write_irq_affinity}: an empty set (within the machine) is accepted and ignored. */
    private void write(int irq, BitSet cpus) throws ErrnoException {
        if (cpus.length() > chip.cpus()) {
            throw new ErrnoException(Errno.EINVAL);
        }
        if (!cpus.isEmpty()) {
            genirq.irqSetAffinity(irq, cpus);
        }
    }

    /** {@code %*pb}: hex, most significant first, a comma between 32-bit groups, for nr_cpu_ids bits. */
    private void showMask(SeqFile m, BitSet cpus) {
        int groups = (chip.cpus() + 31) / 32;
        for (int g = groups - 1; g >= 0; g--) {
            long word = 0;
            for (int b = 0; b < 32; b++) {
                if (cpus.get(g * 32 + b)) {
                    word |= 1L << b;
                }
            }
            int digits = g == groups - 1 ? (Math.min(32, chip.cpus() - g * 32) + 3) / 4 : 8;
            m.printf("%0" + digits + "x", word);
            if (g > 0) {
                m.putc(',');
            }
        }
        m.putc('\n');
    }

    /** {@code %*pbl}: ranges "0-3,5". */
    private static void showList(SeqFile m, BitSet cpus) {
        boolean first = true;
        for (int lo = cpus.nextSetBit(0); lo >= 0; lo = cpus.nextSetBit(lo + 1)) {
            int hi = cpus.nextClearBit(lo) - 1;
            m.puts(first ? "" : ",").puts(Integer.toString(lo));
            if (hi > lo) {
                m.putc('-').puts(Integer.toString(hi));
            }
            first = false;
            lo = hi;
        }
        m.putc('\n');
    }

    /** {@code cpumask_parse_user}: hex groups of 32 bits separated by commas. */
    static BitSet parseMask(String text) throws ErrnoException {
        String[] groups = text.strip().split(",", -1);
        BitSet cpus = new BitSet();
        for (int i = 0; i < groups.length; i++) {
            String g = groups[groups.length - 1 - i];
            if (g.isEmpty() || g.length() > 8) {
                throw new ErrnoException(Errno.EINVAL);
            }
            long word;
            try {
                word = Long.parseLong(g, 16);
            } catch (NumberFormatException e) {
                throw new ErrnoException(Errno.EINVAL);
            }
            for (int b = 0; b < 32; b++) {
                if ((word & (1L << b)) != 0) {
                    cpus.set(i * 32 + b);
                }
            }
        }
        return cpus;
    }

    /** {@code cpulist_parse}: "0-3,5". */
    static BitSet parseList(String text) throws ErrnoException {
        BitSet cpus = new BitSet();
        String s = text.strip();
        if (s.isEmpty()) {
            return cpus;
        }
        try {
            for (String range : s.split(",", -1)) {
                int dash = range.indexOf('-');
                int lo = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
                int hi = dash < 0 ? lo : Integer.parseInt(range.substring(dash + 1));
                if (lo < 0 || hi < lo) {
                    throw new ErrnoException(Errno.EINVAL);
                }
                cpus.set(lo, hi + 1);
            }
        } catch (NumberFormatException e) {
            throw new ErrnoException(Errno.EINVAL);
        }
        return cpus;
    }
}
