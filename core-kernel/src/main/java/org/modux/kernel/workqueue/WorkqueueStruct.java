package org.modux.kernel.workqueue;

/** A workqueue ({@code struct workqueue_struct}), such as {@link Workqueues#systemWq}. */
public interface WorkqueueStruct {

    /** Its name ("events" for system_wq). */
    String name();
}
