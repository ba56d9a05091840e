// The deployment-wide default rule set: the configured one, an admin's override, and which applies.
package coop.warden.rooms;

import coop.warden.store.RuleSet;
import java.util.Objects;
import java.util.Optional;

/** {@code configured} is warden.rules.default; {@code override} is what an admin set at run time. */
public record DefaultRulesView(RuleSet configured, Optional<RuleSet> override, EffectiveRules effective) {
    public DefaultRulesView {
        Objects.requireNonNull(configured, "configured");
        Objects.requireNonNull(override, "override");
        Objects.requireNonNull(effective, "effective");
    }
}
