package org.modux.kernel.module.impl;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.modux.kernel.module.impl.ModuleParams.Param;
import org.modux.lib.kobject.Attribute;
import org.modux.lib.kobject.Kobject;
import org.modux.lib.kobject.KobjectAction;
import org.modux.lib.kobject.Kobjects;
import org.modux.uapi.ErrnoException;

/**
 * /sys/module/NAME for a loaded module (Linux: kernel/module/sysfs.c,
 * {@code mod_sysfs_setup}, and kernel/params.c for {@code parameters/}):
 * {@code coresize}, {@code initstate}, {@code refcnt}, {@code taint}, a
 * {@code holders/} directory with a link to each module that uses this one, and
 * {@code parameters/} with one file per parameter, writable where the module
 * takes a new value while it runs. The set of holder links is guarded by this
 * object's monitor.
 */
final class ModuleSysfs {

    /** Writes a parameter into the running module. */
    @FunctionalInterface
    interface ParamStore {
        void store(Param param, String value) throws ErrnoException;
    }

    private final Kobject kobj;
    private final Kobject holdersDir;
    private final Set<String> holderLinks = new HashSet<>();
    private boolean hasParameters;

    private ModuleSysfs(Kobject kobj, Kobject holdersDir) {
        this.kobj = kobj;
        this.holdersDir = holdersDir;
    }

    /** Adds /sys/module/NAME for {@code mod}, announcing it with an add uevent. */
    static ModuleSysfs add(Kobjects kobjects, KModule mod) throws ErrnoException {
        Kobject kobj = kobjects.add(mod.name, null, kobjects.moduleKset(), () -> { },
                Attribute.readOnly("coresize", () -> Long.toString(mod.size)),
                Attribute.readOnly("initstate", () -> mod.state().initstate()),
                Attribute.readOnly("refcnt", () -> Integer.toString(mod.refcount())),
                Attribute.readOnly("taint", mod::taintLetters));
        Kobject holders;
        try {
            holders = kobjects.createAndAdd("holders", kobj);
        } catch (ErrnoException e) {
            kobj.del();
            kobj.put();
            throw e;
        }
        kobj.uevent(KobjectAction.ADD);
        return new ModuleSysfs(kobj, holders);
    }

    Kobject kobject() {
        return kobj;
    }

    /** Adds {@code parameters/}; a parameter is writable (0644) when {@code writable} says so, else 0444. */
    synchronized void addParameters(ModuleParams params, Predicate<Param> writable, ParamStore store)
            throws ErrnoException {
        List<Param> list = params.list();
        if (list.isEmpty()) {
            return;
        }
        Attribute[] files = new Attribute[list.size()];
        for (int i = 0; i < files.length; i++) {
            Param p = list.get(i);
            files[i] = writable.test(p)
                    ? new Attribute(p.name(), 0644, () -> params.show(p), value -> store.store(p, value))
                    : Attribute.readOnly(p.name(), () -> params.show(p));
        }
        kobj.createGroup("parameters", files);
        hasParameters = true;
    }

    /** Makes holders/ hold exactly a link per module in {@code holders}. */
    synchronized void syncHolders(List<KModule> holders) {
        Set<String> wanted = new HashSet<>();
        for (KModule h : holders) {
            ModuleSysfs other = h.sysfs;
            if (other == null) {
                continue;
            }
            wanted.add(h.name);
            if (!holderLinks.contains(h.name)) {
                try {
                    holdersDir.createLink(h.name, other.kobj);
                    holderLinks.add(h.name);
                } catch (ErrnoException e) {
                    wanted.remove(h.name);
                }
            }
        }
        for (String name : Set.copyOf(holderLinks)) {
            if (!wanted.contains(name)) {
                holdersDir.removeLink(name);
                holderLinks.remove(name);
            }
        }
    }

    /** {@code mod_sysfs_teardown}: removes the directory; deleting it sends the remove uevent. */
    synchronized void remove() {
        if (hasParameters) {
            kobj.removeGroup("parameters");
        }
        for (String name : holderLinks) {
            holdersDir.removeLink(name);
        }
        holderLinks.clear();
        holdersDir.del();
        holdersDir.put();
        kobj.del();
        kobj.put();
    }
}
