package org.modux.kernel.printk.impl;

import org.modux.kernel.time.impl.Timekeeping;

/** Boots a kernel log on a fake machine as early setup does: kernel time started, early parameters reported. */
final class KernelLogs {

    private KernelLogs() {
    }

    static KernelLog boot(FakeMachine machine) {
        Timekeeping time = new Timekeeping(machine);
        time.timekeepingInit();
        KernelLog log = new KernelLog(machine, time);
        log.setupLogBuf();
        return log;
    }
}
