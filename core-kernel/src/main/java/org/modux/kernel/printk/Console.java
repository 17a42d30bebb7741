package org.modux.kernel.printk;

/**
 * A console driver (Linux: {@code struct console}, include/linux/console.h). A bundle
 * that registers an implementation as an OSGi service has done
 * {@code register_console()}: printk replays on it the messages /proc/kmsg has not
 * consumed ({@code CON_PRINTBUFFER}), logs {@code printk: console [ttyS0] enabled},
 * then writes every new message whose level is below {@code console_loglevel}.
 * Unregistering the service is {@code unregister_console()}.
 */
public interface Console {

    /** The name with its index, as /proc/consoles and the "console [ttyS0] enabled" message show it. */
    String name();

    /**
     * Writes whole lines of the kernel log, each formatted {@code [    1.234567] text\n}.
     * Called with the console lock held, one call at a time, on whichever thread is
     * printing; printk callers on other threads do not wait for it, but their messages
     * reach the consoles only after it returns, so it should not block for long. It may
     * call printk: that message is written after this call returns. An exception
     * thrown here unregisters the console.
     */
    void write(byte[] text, int off, int len);
}
