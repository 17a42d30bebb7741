package org.modux.kernel.locking.impl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.modux.kernel.Taint;
import org.modux.kernel.impl.Taints;
import org.modux.kernel.printk.Printk;
import org.modux.kernel.sched.Task;
import org.modux.kernel.sched.impl.SchedCore;

/**
 * A lock validator in the spirit of Linux's lockdep (kernel/locking/lockdep.c),
 * without its irq-state tracking: locks are grouped in classes by name; each task's
 * held locks are kept in order; taking lock class B while holding A records "A
 * before B", and a new dependency that closes a cycle ("possible circular locking
 * dependency detected") or taking a class already held ("possible recursive
 * locking detected") is reported once, with the scenario and the held locks, after
 * which, as in Linux ({@code debug_locks_off}), the validator is off until the
 * next boot. An unlock of a lock not held is "bad unlock balance". The dependency
 * graph is guarded by this object's monitor; each task's held-lock stack is its own.
 */
final class Lockdep {

    /** A lock class: the locks with one name and kind. */
    record LockClass(String name, String kind) {
    }

    /** A held lock: its class and where it was taken. */
    private record Held(LockClass cls, String site, boolean read) {
    }

    private final SchedCore core;
    private final Printk log;
    private final Taints taints;
    private final String release;
    private final Map<String, LockClass> classes = new ConcurrentHashMap<>();
    private final Map<Object, Deque<Held>> held = new ConcurrentHashMap<>();
    /** {@code after.get(A).get(B)}: where B was first taken while A was held. */
    private final Map<LockClass, Map<LockClass, String>> after = new HashMap<>();
    /** {@code debug_locks}: the checks are on until the first report. */
    final AtomicBoolean debugLocks = new AtomicBoolean(true);

    Lockdep(SchedCore core, Printk log, Taints taints, String release) {
        this.core = core;
        this.log = log;
        this.taints = taints;
        this.release = release;
    }

    LockClass lockClass(String name, String kind) {
        return classes.computeIfAbsent(kind + ":" + name, k -> new LockClass(name, kind));
    }

    /** Who takes locks: the calling task, or the host thread that is no task. */
    Object self() {
        Task t = core.currentOrNull();
        return t != null ? t : Thread.currentThread();
    }

    /** {@code lock_acquire}: checks, then records; a trylock adds no ordering, as in lockdep. */
    void acquire(LockClass c, boolean trylock, boolean read) {
        Object me = self();
        Deque<Held> stack = held.computeIfAbsent(me, k -> new ArrayDeque<>());
        String site = callSite();
        if (debugLocks.get()) {
            synchronized (this) {
                for (Held h : stack) {
                    if (h.cls.equals(c) && !(read && h.read) && !trylock) {
                        if (debugLocks.compareAndSet(true, false)) {
                            reportRecursive(me, c, site, h, stack);
                        }
                        break;
                    }
                }
                if (!trylock && debugLocks.get()) {
                    for (Held h : stack) {
                        if (!h.cls.equals(c)) {
                            addDependency(me, h, c, site, stack);
                        }
                    }
                }
            }
        }
        stack.push(new Held(c, site, read));
    }

    /** {@code lock_release}: the newest hold of the class goes; none is "bad unlock balance". */
    void release(LockClass c) {
        Object me = self();
        Deque<Held> stack = held.get(me);
        if (stack != null) {
            for (Iterator<Held> it = stack.iterator(); it.hasNext();) {
                if (it.next().cls.equals(c)) {
                    it.remove();
                    if (stack.isEmpty()) {
                        held.remove(me);
                    }
                    return;
                }
            }
        }
        if (debugLocks.compareAndSet(true, false)) {
            banner(37, "WARNING: bad unlock balance detected!");
            log.prWarn("%s is trying to release lock (%s) at:", who(me), c.name());
            log.prWarn("%s", callSite());
            log.prWarn("but there are no more locks to release!");
            log.prWarn("");
            showHeld(me);
            backtrace(me);
        }
    }

    private void addDependency(Object me, Held prev, LockClass next, String site, Deque<Held> stack) {
        Map<LockClass, String> edges = after.computeIfAbsent(prev.cls, k -> new HashMap<>());
        if (edges.containsKey(next)) {
            return;
        }
        List<LockClass> chain = path(next, prev.cls);
        if (chain != null) {
            if (debugLocks.compareAndSet(true, false)) {
                reportCircular(me, prev, next, site, chain);
            }
            return;
        }
        edges.put(next, site);
    }

    /** A dependency path from {@code from} to {@code to}, both included, or null. */
    private List<LockClass> path(LockClass from, LockClass to) {
        Deque<List<LockClass>> todo = new ArrayDeque<>();
        Set<LockClass> seen = new HashSet<>();
        todo.add(List.of(from));
        while (!todo.isEmpty()) {
            List<LockClass> p = todo.poll();
            LockClass last = p.get(p.size() - 1);
            if (last.equals(to)) {
                return p;
            }
            if (seen.add(last)) {
                for (LockClass n : after.getOrDefault(last, Map.of()).keySet()) {
                    List<LockClass> q = new ArrayList<>(p);
                    q.add(n);
                    todo.add(q);
                }
            }
        }
        return null;
    }

    private void reportCircular(Object me, Held holding, LockClass next, String site, List<LockClass> chain) {
        banner(54, "WARNING: possible circular locking dependency detected");
        log.prWarn("%s is trying to acquire lock:", who(me));
        log.prWarn("(%s), at: %s", next.name(), site);
        log.prWarn("");
        log.prWarn("but task is already holding lock:");
        log.prWarn("(%s), at: %s", holding.cls.name(), holding.site);
        log.prWarn("");
        log.prWarn("which lock already depends on the new lock.");
        log.prWarn("");
        log.prWarn("");
        log.prWarn("the existing dependency chain (in reverse order) is:");
        log.prWarn("");
        // chain runs next -> ... -> holding; Linux lists it from the held lock back to the new one.
        for (int i = chain.size() - 1; i >= 0; i--) {
            LockClass c = chain.get(i);
            log.prWarn("-> #%d (%s):", i, c.name());
            String at = i == 0 ? site : after.get(chain.get(i - 1)).get(c);
            log.prWarn("       %s", at);
        }
        log.prWarn("");
        log.prWarn("other info that might help us debug this:");
        log.prWarn("");
        if (chain.size() == 2) {
            log.prWarn(" Possible unsafe locking scenario:");
            log.prWarn("");
            log.prWarn("       CPU0                    CPU1");
            log.prWarn("       ----                    ----");
            log.prWarn("  lock(%s);", holding.cls.name());
            log.prWarn("                               lock(%s);", next.name());
            log.prWarn("                               lock(%s);", holding.cls.name());
            log.prWarn("  lock(%s);", next.name());
            log.prWarn("");
            log.prWarn(" *** DEADLOCK ***");
        } else {
            log.prWarn("Chain exists of:");
            StringBuilder b = new StringBuilder("  ");
            for (LockClass c : chain) {
                b.append(b.length() > 2 ? " --> " : "").append(c.name());
            }
            log.prWarn("%s", b);
        }
        log.prWarn("");
        showHeld(me);
        backtrace(me);
    }

    private void reportRecursive(Object me, LockClass c, String site, Held first, Deque<Held> stack) {
        banner(44, "WARNING: possible recursive locking detected");
        log.prWarn("%s is trying to acquire lock:", who(me));
        log.prWarn("(%s), at: %s", c.name(), site);
        log.prWarn("");
        log.prWarn("but task is already holding lock:");
        log.prWarn("(%s), at: %s", first.cls.name(), first.site);
        log.prWarn("");
        log.prWarn("other info that might help us debug this:");
        log.prWarn(" Possible unsafe locking scenario:");
        log.prWarn("");
        log.prWarn("       CPU0");
        log.prWarn("       ----");
        log.prWarn("  lock(%s);", c.name());
        log.prWarn("  lock(%s);", c.name());
        log.prWarn("");
        log.prWarn(" *** DEADLOCK ***");
        log.prWarn("");
        log.prWarn(" May be due to missing lock nesting notation");
        log.prWarn("");
        showHeld(me);
        backtrace(me);
    }

    /** {@code debug_check_no_locks_held}: a task that ends holding locks is reported, and its holds dropped. */
    void exit(Object task) {
        Deque<Held> stack = held.remove(task);
        if (stack == null || stack.isEmpty() || !debugLocks.get()) {
            return;
        }
        held.put(task, stack);
        banner(37, String.format("WARNING: %s still has locks held!", who(task)));
        showHeld(task);
        held.remove(task);
        backtrace(task);
    }

    /** A report's head: a blank line, a rule of {@code width}, the title, the kernel's ident, a rule. */
    private void banner(int width, String title) {
        log.prWarn("");
        log.prWarn("%s", "=".repeat(width));
        log.prWarn("%s", title);
        log.prWarn("%s", ident());
        log.prWarn("%s", "-".repeat(width));
    }

    /** {@code debug_show_held_locks}. */
    void showHeld(Object task) {
        Deque<Held> stack = held.get(task);
        int n = stack == null ? 0 : stack.size();
        if (n == 0) {
            log.prWarn("no locks held by %s.", who(task));
            return;
        }
        log.prWarn("%d lock%s held by %s:", n, n == 1 ? "" : "s", who(task));
        List<Held> inOrder = new ArrayList<>(stack);
        for (int i = inOrder.size() - 1, k = 0; i >= 0; i--, k++) {
            Held h = inOrder.get(i);
            log.prWarn(" #%d: (%s), at: %s", k, h.cls.name(), h.site);
        }
    }

    private void backtrace(Object me) {
        log.prWarn("");
        log.prWarn("stack backtrace:");
        if (me instanceof Task t) {
            core.dumpStack(t, new Throwable().getStackTrace());
        } else {
            for (StackTraceElement e : new Throwable().getStackTrace()) {
                log.prWarn(" %s", e);
            }
        }
    }

    /** {@code print_kernel_ident}: the release and build, and the taint. */
    private String ident() {
        long mask = taints.mask();
        if (mask == 0) {
            return release + " #1 Not tainted";
        }
        StringBuilder b = new StringBuilder(release + " #1 Tainted: ");
        for (Taint f : Taint.values()) {
            b.append((mask & f.bit()) != 0 ? f.letter() : f.unsetChar());
        }
        return b.toString().stripTrailing();
    }

    private static String who(Object me) {
        return me instanceof Task t ? t.comm() + "/" + t.pid() : ((Thread) me).getName() + "/-1";
    }

    /** The locking layer's own classes, which a call site is not. */
    private static final Set<Class<?>> LOCKING = Set.of(Lockdep.class, SpinlockImpl.class, RwLockImpl.class,
            MutexImpl.class, SemaphoreImpl.class, SeqlockImpl.class, RcuCore.class, LockingCore.class);

    /** Where the lock call was made: the first frame outside the locking layer. */
    private static String callSite() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .filter(f -> !LOCKING.contains(f.getDeclaringClass()))
                .findFirst().map(f -> f.toStackTraceElement().toString()).orElse("?"));
    }
}
