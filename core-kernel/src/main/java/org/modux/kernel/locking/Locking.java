package org.modux.kernel.locking;

/**
 * Makes the kernel's locks. Each lock has a name, which is also its lock class for
 * the lock-order checks (Linux keys a class by where the lock was initialised; give
 * the locks that play the same part the same name).
 */
public interface Locking {

    /** {@code spin_lock_init}. */
    Spinlock spinLockInit(String name);

    /** {@code rwlock_init}. */
    RwLock rwlockInit(String name);

    /** {@code mutex_init}. */
    Mutex mutexInit(String name);

    /** {@code sema_init}: a counting semaphore with {@code count} free units. */
    Semaphore semaInit(String name, int count);

    /** {@code seqlock_init}. */
    Seqlock seqlockInit(String name);

    /** RCU, the kernel's one instance. */
    Rcu rcu();
}
