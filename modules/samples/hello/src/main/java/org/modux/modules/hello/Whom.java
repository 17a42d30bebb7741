package org.modux.modules.hello;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The {@code whom} parameter of the hello module ({@code module_param(whom, charp,
 * 0644)}): a write to /sys/module/hello/parameters/whom reaches {@link #modified},
 * which takes the new value without re-running init. A service private to the
 * module: its package is not exported, so /proc/kallsyms lists it with a
 * lower-case {@code t}.
 */
@Component(service = Whom.class)
@Designate(ocd = Whom.Params.class)
public final class Whom {

    @ObjectClassDefinition(name = "hello", description = "Parameters of the hello module that may change at run time")
    public @interface Params {
        @AttributeDefinition(description = "Whom to greet")
        String whom() default "world";
    }

    private volatile String whom;

    @Activate
    public Whom(Params params) {
        this.whom = params.whom();
    }

    @Modified
    void modified(Params params) {
        this.whom = params.whom();
    }

    /** Whom to greet now. */
    String whom() {
        return whom;
    }
}
