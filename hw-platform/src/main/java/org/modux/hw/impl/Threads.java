package org.modux.hw.impl;

/** Helpers for the host threads device models run on. */
final class Threads {

    private Threads() {
    }

    /**
     * Waits for {@code thread} to end, however often the caller is interrupted (a
     * device's stop must not leave its thread behind); the caller's interrupt status
     * is restored afterwards.
     */
    static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
