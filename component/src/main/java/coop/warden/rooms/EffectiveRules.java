// The rule set that applies to a room right now, and where it comes from.
package coop.warden.rooms;

import coop.warden.store.RuleSet;
import java.util.Objects;

/** A room's rule set and its source, so admins can see why a room is run the way it is. */
public record EffectiveRules(RuleSet rules, Source source) {
    public EffectiveRules {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(source, "source");
    }

    public enum Source {
        /** The room has a rule set of its own. */
        ROOM("this room's own rule set"),
        /** The default rule set an admin set with a command. */
        ADMIN_DEFAULT("the default rule set set by an admin"),
        /** warden.rules.default in the configuration file. */
        CONFIG_DEFAULT("the configured default rule set");

        private final String description;

        Source(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }
}
