package org.modux.kernel.printk.impl;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;

import org.modux.kernel.impl.Setup;
import org.modux.kernel.printk.Console;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The built-in console: the host process's standard error, as a hypervisor console
 * is the host's terminal for a guest (Linux: drivers/tty/hvc, hence {@code hvc0}).
 * It writes to file descriptor 2 itself, never {@code System.err}, which the Gogo
 * shell replaces with per-session streams. Serial consoles (ttyS0) are other
 * {@link Console} services, registered by their drivers.
 */
@Component(service = Console.class)
public final class HostConsole implements Console {

    /** Like {@code console_init}, the console comes up after early setup ({@link Setup}). */
    @Reference
    private Setup setup;

    // Never closed: closing it would close the host process's fd 2.
    private final FileOutputStream stderr = new FileOutputStream(FileDescriptor.err);

    @Override
    public String name() {
        return "hvc0";
    }

    @Override
    public void write(byte[] text, int off, int len) {
        try {
            stderr.write(text, off, len);
        } catch (IOException e) {
            // The host's stderr is closed or broken: there is nowhere left to say so.
        }
    }
}
