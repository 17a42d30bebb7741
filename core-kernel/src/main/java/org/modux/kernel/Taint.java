package org.modux.kernel;

/**
 * Taint flags (Linux: include/linux/panic.h, {@code taint_flags[]} in
 * kernel/panic.c): one row per flag, in bit order, with the letter shown when it
 * is set, the character shown when it is not, and whether it is also recorded on
 * the module that caused it (/proc/modules, /sys/module/NAME/taint).
 */
public enum Taint {
    PROPRIETARY_MODULE('P', 'G', true),
    FORCED_MODULE('F', ' ', true),
    CPU_OUT_OF_SPEC('S', ' ', false),
    FORCED_RMMOD('R', ' ', false),
    MACHINE_CHECK('M', ' ', false),
    BAD_PAGE('B', ' ', false),
    USER('U', ' ', false),
    DIE('D', ' ', false),
    OVERRIDDEN_ACPI_TABLE('A', ' ', false),
    WARN('W', ' ', false),
    CRAP('C', ' ', true),
    FIRMWARE_WORKAROUND('I', ' ', false),
    OOT_MODULE('O', ' ', true),
    UNSIGNED_MODULE('E', ' ', true),
    SOFTLOCKUP('L', ' ', false),
    LIVEPATCH('K', ' ', true),
    AUX('X', ' ', true),
    RANDSTRUCT('T', ' ', true),
    TEST('N', ' ', true),
    FWCTL('J', ' ', true);

    private final char cTrue;
    private final char cFalse;
    private final boolean module;

    Taint(char cTrue, char cFalse, boolean module) {
        this.cTrue = cTrue;
        this.cFalse = cFalse;
        this.module = module;
    }

    /** The flag's bit in /proc/sys/kernel/tainted. */
    public long bit() {
        return 1L << ordinal();
    }

    /** The letter shown when the flag is set. */
    public char letter() {
        return cTrue;
    }

    /** The character shown in its place when the flag is not set. */
    public char unsetChar() {
        return cFalse;
    }

    /** Whether the flag is recorded per module too. */
    public boolean isModuleTaint() {
        return module;
    }

    /** Every flag's bit, for checking a value written to /proc/sys/kernel/tainted. */
    public static long allBits() {
        return (1L << values().length) - 1;
    }
}
