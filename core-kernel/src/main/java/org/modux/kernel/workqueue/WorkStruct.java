package org.modux.kernel.workqueue;

/** A work item ({@code struct work_struct}), made by {@link Workqueues#initWork}. These are reads. */
public interface WorkStruct {

    /** {@code work_pending}: queued and not yet started. */
    boolean pending();
}
