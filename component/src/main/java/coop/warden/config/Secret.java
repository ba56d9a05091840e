// A secret value (the component secret) that never prints itself.
package coop.warden.config;

import java.util.Objects;

/** Holds a secret; {@link #toString()} never reveals it, so it cannot leak through a log line. */
public final class Secret {
    private final String value;

    public Secret(String value) {
        Objects.requireNonNull(value, "secret");
        if (value.isBlank()) {
            throw new IllegalArgumentException("the component secret is empty");
        }
        this.value = value;
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "Secret[****]";
    }
}
