// Polls the real stack until a condition holds or a deadline passes (daemons restart asynchronously).
package coop.warden.it;

import java.time.Duration;
import java.util.concurrent.Callable;

final class Eventually {
    private Eventually() {
    }

    /** Returns the first value {@code probe} gives that satisfies {@code ok}, polling every 250 ms. */
    static <T> T await(Duration limit, Callable<T> probe, java.util.function.Predicate<T> ok, String what) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        T last = null;
        Exception lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                last = probe.call();
                if (ok.test(last)) {
                    return last;
                }
            } catch (Exception e) {
                lastError = e;
            }
            Thread.sleep(250); // polling an external process, not synchronising threads
        }
        AssertionError err = new AssertionError("not within " + limit + ": " + what + " (last: " + last + ")");
        if (lastError != null) {
            err.addSuppressed(lastError);
        }
        throw err;
    }
}
