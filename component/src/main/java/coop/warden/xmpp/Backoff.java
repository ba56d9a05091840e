// Exponential reconnect backoff with jitter, reset after a successful connect.
package coop.warden.xmpp;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Doubles the delay from {@code min} up to {@code max}; each delay gets up to 20% jitter. */
final class Backoff {
    private final Duration min;
    private final Duration max;
    private Duration next;

    Backoff(Duration min, Duration max) {
        this.min = min;
        this.max = max;
        this.next = min;
    }

    Duration next() {
        Duration current = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        long jitter = (long) (current.toMillis() * 0.2 * ThreadLocalRandom.current().nextDouble());
        return current.plusMillis(jitter);
    }

    void reset() {
        next = min;
    }
}
