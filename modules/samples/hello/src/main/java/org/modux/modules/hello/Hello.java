package org.modux.modules.hello;

import org.modux.kernel.printk.Printk;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The classic first module (LDD3, chapter 2; the parameters as in hello-5.c of
 * the Linux Kernel Module Programming Guide): {@code module_init} prints
 * "Hello, WHOM" COUNT times, {@code module_exit} prints "Goodbye, cruel world".
 * Activation and deactivation of this component are the module's init and exit.
 *
 * <p>Parameters: {@code count} (int) is read at init only, so
 * /sys/module/hello/parameters/count is 0444; {@code whom} (charp) may be changed
 * while the module runs, so its file is 0644. The loader makes a parameter
 * writable when the component it configures has a {@code @Modified} method, a
 * property of the whole component; {@code whom} therefore lives in a component of
 * its own ({@link Whom}), which this one uses as a private symbol.
 */
@Component(immediate = true)
@Designate(ocd = Hello.Params.class)
public final class Hello {

    /** {@code module_param(count, int, 0444)}. */
    @ObjectClassDefinition(name = "hello", description = "Parameters of the hello module read at init")
    public @interface Params {
        @AttributeDefinition(description = "How many times to greet")
        int count() default 1;
    }

    private final Printk printk;

    @Activate
    public Hello(@Reference Printk printk, @Reference Whom whom, Params params) {
        this.printk = printk;
        for (int i = 0; i < params.count(); i++) {
            printk.prInfo("hello: Hello, %s", whom.whom());
        }
    }

    @Deactivate
    void exit() {
        printk.prInfo("hello: Goodbye, cruel world");
    }
}
