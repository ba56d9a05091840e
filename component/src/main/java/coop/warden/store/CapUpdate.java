// What a cap change did: the stored setting before and after (empty = not set).
package coop.warden.store;

import java.util.Objects;
import java.util.Optional;

/**
 * The stored setting before and after a change. For a room, empty means "follows the default";
 * for the default, empty means "follows the configuration file".
 */
public record CapUpdate(Optional<Cap> before, Optional<Cap> after) {
    public CapUpdate {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    /** False when the new setting equals the old one; nothing was written or logged then. */
    public boolean changed() {
        return !before.equals(after);
    }
}
