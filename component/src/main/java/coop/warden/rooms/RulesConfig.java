// Typed moderator-rules settings (warden.rules), loaded once from the root config.
package coop.warden.rooms;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import coop.warden.store.RuleSet;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code warden.rules}: the deployment's rule set, which domains are members' domains, how long
 * an owner who left may come back and still own the room, and whether guests wait for a member.
 * Defaults live in reference.conf; {@code member-domains} unset means {@code warden.auth.hosts}.
 */
record RulesConfig(RuleSet defaultRules, Set<String> memberDomains, Duration ownerGrace, boolean guestNeedsMember) {
    RulesConfig {
        Objects.requireNonNull(defaultRules, "defaultRules");
        memberDomains = Set.copyOf(memberDomains);
        for (String d : memberDomains) {
            if (d.isBlank() || d.contains("@") || d.contains("/")) {
                throw new IllegalArgumentException("a members' domain is a bare domain, such as example.org: '" + d + "'");
            }
        }
        if (ownerGrace.isNegative()) {
            throw new IllegalArgumentException("owner-grace cannot be negative: " + ownerGrace);
        }
    }

    static RulesConfig from(Config root) {
        Config rules = root.getConfig("warden.rules");
        RuleSet defaultRules = parse("default", () -> RuleSet.parse(rules.getString("default")));
        List<String> domains = rules.hasPath("member-domains") ? rules.getStringList("member-domains")
                : root.hasPath("warden.auth.hosts") ? root.getStringList("warden.auth.hosts") : List.of();
        Set<String> memberDomains = new LinkedHashSet<>();
        domains.forEach(d -> memberDomains.add(d.strip()));
        Duration grace = rules.getDuration("owner-grace");
        boolean guestNeedsMember = rules.getBoolean("guest-needs-member");
        return parse("", () -> new RulesConfig(defaultRules, memberDomains, grace, guestNeedsMember));
    }

    private interface Parser<T> {
        T parse();
    }

    private static <T> T parse(String key, Parser<T> parser) {
        try {
            return parser.parse();
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(key.isEmpty() ? "warden.rules" : "warden.rules." + key, e.getMessage());
        }
    }
}
