// warden.breakout from inline HOCON over the shipped reference.conf.
package coop.warden.breakout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

class BreakoutConfigTest {
    static final Set<JID> MUC = Set.of(new JID("conference.coop.test"), new JID("breakout.coop.test"));

    private static Config with(String hocon) {
        return ConfigFactory.parseString(hocon).withFallback(ConfigFactory.defaultReference()).resolve();
    }

    @Test
    void theShippedDefaultsLeaveBreakoutRoomsOff() {
        BreakoutConfig c = BreakoutConfig.from(with(""), MUC);
        assertThat(c.enabled()).isFalse();
        assertThat(c.maxRooms()).isEqualTo(20);
        assertThat(c.emptyTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.meetingWideCaps()).isFalse();
        assertThat(c.moveGrace()).isEqualTo(Duration.ofMinutes(1));
        assertThat(BreakoutConfig.from(with("warden.breakout.move-grace = 0 seconds"), MUC).moveGrace())
                .as("only people in a room now").isZero();
    }

    @Test
    void aBreakoutHostIsOneOfTheMucHosts() {
        BreakoutConfig c = BreakoutConfig.from(with("warden.breakout { hosts = [\"breakout.coop.test\"],"
                + " meeting-wide-caps = true, empty-timeout = 2 minutes }"), MUC);
        assertThat(c.hosts()).isEqualTo(List.of(new JID("breakout.coop.test")));
        assertThat(c.isBreakoutHost("breakout.coop.test")).isTrue();
        assertThat(c.isBreakoutHost("conference.coop.test")).isFalse();
        assertThat(c.emptyTimeout()).isEqualTo(Duration.ofMinutes(2));

        assertThatThrownBy(() -> BreakoutConfig.from(with("warden.breakout.hosts = [\"rooms.coop.test\"]"), MUC))
                .isInstanceOf(ConfigException.BadValue.class).hasMessageContaining("is not one of warden.muc.hosts");
    }

    @Test
    void outOfRangeValuesAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> BreakoutConfig.from(with("warden.breakout.max-rooms = 0"), MUC))
                .isInstanceOf(ConfigException.BadValue.class).hasMessageContaining("max-rooms must be 1 to 100");
        assertThatThrownBy(() -> BreakoutConfig.from(with("warden.breakout.empty-timeout = 0 seconds"), MUC))
                .isInstanceOf(ConfigException.BadValue.class).hasMessageContaining("empty-timeout must be positive");
        assertThatThrownBy(() -> BreakoutConfig.from(with("warden.breakout.move-grace = -1 seconds"), MUC))
                .isInstanceOf(ConfigException.BadValue.class).hasMessageContaining("move-grace must not be negative");
    }
}
