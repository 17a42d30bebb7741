package org.modux.kernel.module.impl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;

import org.junit.jupiter.api.Test;
import org.modux.kernel.module.ModuleHeaders;
import org.modux.kernel.module.ModuleState;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/** Who may see a symbol, and who hears that it goes. */
class SymbolVisibilityTest {

    private final FakeBundles bundles = new FakeBundles();
    private final ModuleTable table = new ModuleTable();
    private final SymbolVisibility visibility = new SymbolVisibility(table);

    @Test
    void aGoingModulesSymbolsAreHiddenFromNewUsersButTheirGoingIsHeard() {
        KModule exporter = bundles.module(table, "symexport", 4096, 0);
        table.add(exporter);
        Bundle user = bundles.bundle("symuser_gpl", "GPL");
        ServiceReference<?> symbol = symbol(exporter.bundle, null);
        assertTrue(visibility.canSee(user, symbol));
        exporter.setState(ModuleState.GOING);
        assertFalse(visibility.canSee(user, symbol));
        assertTrue(visibility.mayKnow(user, symbol));
    }

    @Test
    void aNonGplBundleNeverKnowsOfAGplOnlySymbol() {
        KModule exporter = bundles.module(table, "symexport", 4096, 0);
        table.add(exporter);
        Bundle proprietary = bundles.bundle("gplonly_prop", "Proprietary");
        ServiceReference<?> gplOnly = symbol(exporter.bundle, ModuleHeaders.GPL);
        assertFalse(visibility.canSee(proprietary, gplOnly));
        assertFalse(visibility.mayKnow(proprietary, gplOnly));
        assertTrue(visibility.mayKnow(bundles.bundle("symuser_gpl", "GPL"), gplOnly));
    }

    private static ServiceReference<?> symbol(Bundle owner, String license) {
        return (ServiceReference<?>) Proxy.newProxyInstance(ServiceReference.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (self, method, args) -> switch (method.getName()) {
                    case "getBundle" -> owner;
                    case "getProperty" -> ModuleHeaders.SYMBOL_LICENSE.equals(args[0]) ? license : null;
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
