package org.modux.modules.hello;

import org.modux.kernel.printk.Printk;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The classic first module (LDD3, chapter 2): {@code module_init} prints
 * "Hello, world", {@code module_exit} prints "Goodbye, cruel world". Activation and
 * deactivation of this component are the module's init and exit.
 */
@Component(immediate = true)
public final class Hello {

    private final Printk printk;

    @Activate
    public Hello(@Reference Printk printk) {
        this.printk = printk;
        printk.prInfo("hello: Hello, world");
    }

    @Deactivate
    void exit() {
        printk.prInfo("hello: Goodbye, cruel world");
    }
}
