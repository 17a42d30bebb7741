package org.modux.lib.kobject.impl;

import java.util.ArrayList;
import java.util.List;

import org.modux.lib.kobject.Attribute;
import org.modux.uapi.ErrnoException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The top-level sysfs objects the kernel core makes at boot: {@code kernel_kobj},
 * /sys/kernel, with {@code uevent_seqnum} (Linux: kernel/ksysfs.c); {@code module_kset},
 * /sys/module, which the module loader fills (kernel/params.c,
 * {@code param_sysfs_init}); and {@code fs_kobj}, /sys/fs (fs/namespace.c,
 * {@code mnt_init}). The other top-level directories come with the subsystems that
 * own them. These objects belong to no bundle; they go only when the kernel stops.
 * Immutable after activation.
 */
@Component(service = Ksysfs.class)
public final class Ksysfs {

    private final List<KobjectImpl> made = new ArrayList<>();
    private final KobjectImpl kernelKobj;
    private final KsetImpl moduleKset;
    private final KobjectImpl fsKobj;

    @Activate
    public Ksysfs(@Reference KobjectCore core, @Reference KobjectUevent uevent) throws ErrnoException {
        try {
            kernelKobj = keep(core.createAndAdd("kernel", null, null));
            kernelKobj.createFile(Attribute.readOnly("uevent_seqnum", () -> Long.toString(uevent.seqnum())));
            moduleKset = keep(core.ksetCreateAndAdd("module", null, null));
            fsKobj = keep(core.createAndAdd("fs", null, null));
        } catch (ErrnoException e) {
            deactivate();
            throw e;
        }
    }

    private <K extends KobjectImpl> K keep(K kobj) {
        made.add(kobj);
        return kobj;
    }

    KobjectImpl kernelKobj() {
        return kernelKobj;
    }

    KsetImpl moduleKset() {
        return moduleKset;
    }

    KobjectImpl fsKobj() {
        return fsKobj;
    }

    /** Power-off, or set-up failing half-way: deletes what was made, newest first. */
    @Deactivate
    void deactivate() {
        for (KobjectImpl kobj : made.reversed()) {
            kobj.del();
            kobj.put();
        }
        made.clear();
    }
}
