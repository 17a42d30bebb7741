package org.modux.kernel.module;

/** {@code enum module_state}, with the words /proc/modules and /sys/module/NAME/initstate show. */
public enum ModuleState {
    /** Normal state: init has completed. */
    LIVE("Live", "live"),
    /** Init is running. */
    COMING("Loading", "coming"),
    /** Exit is running or the module is being removed. */
    GOING("Unloading", "going");

    private final String procWord;
    private final String initstate;

    ModuleState(String procWord, String initstate) {
        this.procWord = procWord;
        this.initstate = initstate;
    }

    /** The state as the fifth column of /proc/modules shows it. */
    public String procWord() {
        return procWord;
    }

    /** The state as /sys/module/NAME/initstate shows it. */
    public String initstate() {
        return initstate;
    }
}
