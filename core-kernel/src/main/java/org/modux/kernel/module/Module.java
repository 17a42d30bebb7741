package org.modux.kernel.module;

/**
 * A loaded module (Linux: {@code struct module}). A driver pins the module that owns
 * an object while a user holds it, as an open device file pins its driver:
 * {@link #tryGet()} before handing the object out, {@link #put()} when it is
 * released. A pinned module cannot be removed; {@code rmmod} says it is in use.
 */
public interface Module {

    /** The module's name, as lsmod shows it. */
    String name();

    /** Where the module is in its life. */
    ModuleState state();

    /**
     * {@code try_module_get}: takes a reference unless the module is going away.
     *
     * @return false when the module is being unloaded; the caller must not use it
     */
    boolean tryGet();

    /** {@code module_put}: drops a reference taken by {@link #tryGet()}. */
    void put();

    /** {@code module_refcount}: modules using this one plus references taken with {@link #tryGet()}. */
    int refcount();
}
