// The cap that applies to a room right now, and where it comes from.
package coop.warden.rooms;

import coop.warden.store.Cap;
import java.util.Objects;

/** A room's cap and its source, so admins can see why a room is capped the way it is. */
public record EffectiveCap(Cap cap, Source source) {
    public EffectiveCap {
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(source, "source");
    }

    public enum Source {
        /** The room has a cap of its own (possibly "none"). */
        ROOM("this room's own cap"),
        /** The default cap an admin set with a command. */
        ADMIN_DEFAULT("the default cap set by an admin"),
        /** warden.muc.default-cap in the configuration file. */
        CONFIG_DEFAULT("the configured default cap"),
        /** No cap anywhere. */
        NONE("no default cap is configured");

        private final String description;

        Source(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }
}
