package org.modux.kernel.module;

import java.util.Optional;

/**
 * Looking modules up, as {@code THIS_MODULE} and {@code find_module} do. Each
 * bundle gets its own instance, so {@link #thisModule()} is the caller's module.
 */
public interface Modules {

    /** The calling bundle's own module ({@code THIS_MODULE}); empty for the kernel core. */
    Optional<Module> thisModule();

    /** {@code find_module}: a loaded module by name ('-' and '_' are the same). */
    Optional<Module> find(String name);
}
