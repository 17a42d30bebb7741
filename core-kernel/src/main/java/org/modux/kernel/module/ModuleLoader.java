package org.modux.kernel.module;

import org.modux.uapi.ErrnoException;

/**
 * The module loader's system calls (Linux: kernel/module/main.c, {@code init_module(2)}
 * and {@code delete_module(2)}), which insmod, rmmod and modprobe use. Both are
 * serialized with every other load and unload. A failure leaves the system as it
 * was; the kernel log says why in detail, the errno is what the tools print.
 */
public interface ModuleLoader {

    /** {@code MODULE_INIT_IGNORE_MODVERSIONS}: load despite API versions that disagree. */
    int MODULE_INIT_IGNORE_MODVERSIONS = 1;
    /** {@code MODULE_INIT_IGNORE_VERMAGIC}: load despite a kernel release that disagrees. */
    int MODULE_INIT_IGNORE_VERMAGIC = 2;

    /**
     * {@code init_module}: loads the module bundle {@code image}, sets its parameters
     * and runs its init; returns once init has completed.
     *
     * @param path   where the image was read from (modinfo's filename; the bundle location)
     * @param params the parameters, {@code name=value} separated by spaces, as insmod passes them
     * @param flags  {@code MODULE_INIT_*} flags; any makes the load forced (taint F)
     * @return the module's name
     * @throws ErrnoException ENOEXEC not a module or API version mismatch, EEXIST already
     *                        loaded, ENOENT unknown symbol, EINVAL bad parameters, or
     *                        the errno init failed with
     */
    String initModule(String path, byte[] image, String params, int flags) throws ErrnoException;

    /**
     * {@code delete_module}: runs the module's exit and removes it.
     *
     * @param flags {@code O_TRUNC} forces removal of a module in use (taint R)
     * @throws ErrnoException ENOENT not loaded, EWOULDBLOCK/EAGAIN in use, EBUSY
     *                        not live (still loading or already going)
     */
    void deleteModule(String name, int flags) throws ErrnoException;
}
