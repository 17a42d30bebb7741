package org.modux.extra.oot_hello;

import org.modux.kernel.printk.Printk;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The hello module built out of tree (Linux: Documentation/kbuild/modules.rst,
 * "external modules"): the same init and exit, but its bundle lacks
 * {@code Module-Intree: Y}, so loading it prints "oot_hello: loading out-of-tree
 * module taints kernel." and sets taint O.
 */
@Component(immediate = true)
public final class OotHello {

    private final Printk printk;

    @Activate
    public OotHello(@Reference Printk printk) {
        this.printk = printk;
        printk.prInfo("oot_hello: Hello from out of tree");
    }

    @Deactivate
    void exit() {
        printk.prInfo("oot_hello: Goodbye from out of tree");
    }
}
