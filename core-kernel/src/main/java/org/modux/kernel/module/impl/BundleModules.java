package org.modux.kernel.module.impl;

import java.util.Optional;

import org.modux.kernel.module.Module;
import org.modux.kernel.module.Modules;
import org.osgi.framework.Bundle;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/** One bundle's {@link Modules}: SCR makes an instance per using bundle, so THIS_MODULE is the user's module. */
@Component(scope = ServiceScope.BUNDLE)
public final class BundleModules implements Modules {

    private final ModuleCore core;
    private final Bundle user;

    @Activate
    public BundleModules(@Reference ModuleCore core, ComponentContext context) {
        this.core = core;
        this.user = context.getUsingBundle();
    }

    @Override
    public Optional<Module> thisModule() {
        return core.table.forBundle(user).map(Module.class::cast);
    }

    @Override
    public Optional<Module> find(String name) {
        return core.table.find(name).map(Module.class::cast);
    }
}
