package org.modux.kernel.module.impl;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.modux.kernel.Taint;
import org.modux.kernel.module.Module;
import org.modux.kernel.module.ModuleState;
import org.osgi.framework.Bundle;

/**
 * One loaded module (Linux: {@code struct module} in include/linux/module.h): the
 * bundle that is its code, where it was loaded from, its place in the module area,
 * its state, its own taint flags and the references taken on it explicitly. Who
 * uses it is not stored but read from the framework ({@link ModuleTable#holders}):
 * the modules wired to its packages or using its services. {@code state} is
 * volatile; the taint set is guarded by its own monitor.
 */
final class KModule implements Module {

    final String name;
    final Bundle bundle;
    final String license;
    final long size;
    final long base;
    /** How it was loaded: path, parameters, the configurations made for it. */
    final LoadRequest request;
    private final ModuleTable table;
    private final Set<Taint> taints = EnumSet.noneOf(Taint.class);
    private final AtomicInteger gets = new AtomicInteger();
    private volatile ModuleState state = ModuleState.COMING;
    /** The /sys/module/NAME directory, set once sysfs knows the module. */
    volatile ModuleSysfs sysfs;

    KModule(ModuleTable table, String name, Bundle bundle, String license, long size, long base,
            LoadRequest request) {
        this.table = table;
        this.name = name;
        this.bundle = bundle;
        this.license = license;
        this.size = size;
        this.base = base;
        this.request = request;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ModuleState state() {
        return state;
    }

    void setState(ModuleState state) {
        this.state = state;
    }

    /** {@code module_is_live}. */
    boolean isLive() {
        return state != ModuleState.GOING;
    }

    @Override
    public boolean tryGet() {
        gets.incrementAndGet();
        if (isLive()) {
            return true;
        }
        gets.decrementAndGet();
        return false;
    }

    @Override
    public void put() {
        if (gets.decrementAndGet() < 0) {
            gets.incrementAndGet();
            throw new IllegalStateException(name + ": module_put without a reference");
        }
    }

    /** Users, explicit references, and while init runs the loader's own reference, as Linux counts. */
    @Override
    public int refcount() {
        return table.holders(this).size() + gets.get() + (state == ModuleState.COMING ? 1 : 0);
    }

    void addTaint(Taint flag) {
        synchronized (taints) {
            taints.add(flag);
        }
    }

    /** {@code module_flags_taint}: the module's taint letters in bit order. */
    String taintLetters() {
        StringBuilder letters = new StringBuilder();
        synchronized (taints) {
            for (Taint t : taints) {
                letters.append(t.letter());
            }
        }
        return letters.toString();
    }

    @Override
    public String toString() {
        return name;
    }
}
