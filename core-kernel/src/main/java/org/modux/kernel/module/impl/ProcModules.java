package org.modux.kernel.module.impl;

import java.util.List;

import org.modux.fs.proc.ProcFs;
import org.modux.fs.proc.SeqFile;
import org.modux.kernel.module.ModuleState;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * /proc/modules (proc(5); Linux: kernel/module/procfs.c, {@code m_show} and
 * {@code print_unload_info}; kernel/module/main.c, {@code module_flags}): one line
 * per module, newest first: name, size, reference count, the modules using it
 * each followed by a comma (or "-"), state, load address, and, for a tainted
 * module only, its taint letters in parentheses, with '+' while loading and '-'
 * while unloading.
 */
@Component
public final class ProcModules {

    private final ProcFs proc;

    @Activate
    public ProcModules(@Reference ProcFs proc, @Reference ModuleCore core) throws ErrnoException {
        this.proc = proc;
        proc.createSingle("modules", m -> {
            for (KModule mod : core.table.list()) {
                show(m, mod, core.table.holders(mod));
            }
        });
    }

    static void show(SeqFile m, KModule mod, List<KModule> holders) {
        m.printf("%s %d %d ", mod.name, mod.size, mod.refcount());
        if (holders.isEmpty()) {
            m.putc('-');
        }
        for (KModule h : holders) {
            m.puts(h.name).putc(',');
        }
        ModuleState state = mod.state();
        m.printf(" %s 0x%016x", state.procWord(), mod.base);
        String flags = moduleFlags(mod.taintLetters(), state);
        if (!flags.isEmpty()) {
            m.putc(' ').puts(flags);
        }
        m.putc('\n');
    }

    /** {@code module_flags} with the state shown, as m_show prints it for a tainted module: "(PO)", "(O+)". */
    static String moduleFlags(String taints, ModuleState state) {
        if (taints.isEmpty()) {
            return "";
        }
        String marker = switch (state) {
            case GOING -> "-";
            case COMING -> "+";
            case LIVE -> "";
        };
        return "(" + taints + marker + ")";
    }

    @Deactivate
    void deactivate() throws ErrnoException {
        proc.remove("modules");
    }
}
