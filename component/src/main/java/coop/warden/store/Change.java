// What a policy change did: the stored setting before and after.
package coop.warden.store;

import java.util.Objects;

/**
 * The stored setting before and after a change, e.g. {@code Change<Optional<RuleSet>>} (empty =
 * not set) or {@code Change<Set<JID>>} for a moderator list.
 */
public record Change<T>(T before, T after) {
    public Change {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    /** False when the new setting equals the old one; nothing was written or logged then. */
    public boolean changed() {
        return !before.equals(after);
    }
}
