package coop.warden.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import coop.warden.store.RuleSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RulesConfigTest {

    @Test
    void theReferenceDefaultsAreMembersModerateAMinuteOfGraceAndGuestsWaiting() {
        RulesConfig c = RulesConfig.from(ConfigFactory.parseString("warden.auth.hosts = [\"coop.test\"]")
                .withFallback(ConfigFactory.defaultReference()).resolve());
        assertThat(c.defaultRules()).isEqualTo(RuleSet.MEMBERS_MODERATE);
        assertThat(c.memberDomains()).as("member-domains = null: the auth hosts").containsExactly("coop.test");
        assertThat(c.ownerGrace()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.guestNeedsMember()).isTrue();
    }

    @Test
    void everyKeyCanBeSet() {
        RulesConfig c = RulesConfig.from(TestConfigs.with("""
                warden.rules {
                  default = " First-Member-Owns "
                  member-domains = ["coop.test", "staff.coop.test"]
                  owner-grace = 5 seconds
                  guest-needs-member = false
                }
                """));
        assertThat(c.defaultRules()).isEqualTo(RuleSet.FIRST_MEMBER_OWNS);
        assertThat(c.memberDomains()).containsExactlyInAnyOrder("coop.test", "staff.coop.test");
        assertThat(c.ownerGrace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.guestNeedsMember()).isFalse();
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> RulesConfig.from(TestConfigs.with("warden.rules.default = everyone")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("warden.rules.default")
                .hasMessageContaining("members-moderate, first-member-owns, listed");
        assertThatThrownBy(() -> RulesConfig.from(TestConfigs.with("warden.rules.member-domains = [\"a@coop.test\"]")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("warden.rules")
                .hasMessageContaining("bare domain");
        assertThatThrownBy(() -> RulesConfig.from(TestConfigs.with("warden.rules.owner-grace = -1 seconds")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("owner-grace");
    }
}
