package coop.warden.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigException;
import coop.warden.store.Cap;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmpp.packet.JID;

class MucConfigTest {

    @Test
    void readsTheMucSection() {
        MucConfig c = MucConfig.from(TestConfigs.with("""
                warden.muc.hosts = ["conference.coop.test", "breakout.coop.test"]
                warden.muc.default-cap = 20
                warden.muc.reservation-timeout = 15 seconds
                """));
        assertThat(c.hosts()).containsExactlyInAnyOrder(new JID("conference.coop.test"), new JID("breakout.coop.test"));
        assertThat(c.defaultCap()).contains(Cap.seats(20));
        assertThat(c.reservationTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.syncTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.exempt().covers(new JID("focus@auth.coop.test/abc"))).isTrue();
        assertThat(c.exempt().covers(new JID("jibri@recorder.coop.test/abc"))).isTrue();
        assertThat(c.exempt().covers(new JID("alice@coop.test/abc"))).isFalse();
    }

    @Test
    void aNullOrAbsentDefaultCapMeansNoDefault() {
        assertThat(MucConfig.from(TestConfigs.base()).defaultCap()).isEmpty();
        assertThat(MucConfig.from(TestConfigs.with("warden.muc.default-cap = none")).defaultCap())
                .contains(Cap.unlimited());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "warden.muc.default-cap = -1",
        "warden.muc.default-cap = 100001",
        "warden.muc.default-cap = lots",
        "warden.muc.hosts = [\"user@conference.coop.test\"]",
        "warden.muc.hosts = [\"conference.coop.test/x\"]",
        "warden.muc.exempt = [\"focus@auth.coop.test/res\"]",
        "warden.muc.reservation-timeout = 0 seconds",
        "warden.muc.sync-timeout = -1 seconds"})
    void badValuesAreConfigErrorsNamingTheKey(String hocon) {
        assertThatThrownBy(() -> MucConfig.from(TestConfigs.with(hocon)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("warden.muc");
    }

    @Test
    void adminsAreBareJids() {
        Admins admins = Admins.from(TestConfigs.base());
        assertThat(admins.isAdmin(new JID("admin@coop.test/phone"))).isTrue();
        assertThat(admins.isAdmin(new JID("admin@coop.test"))).isTrue();
        assertThat(admins.isAdmin(new JID("alice@coop.test/phone"))).isFalse();
        assertThat(admins.isAdmin(new JID("coop.test"))).isFalse();
        assertThat(admins.isAdmin(null)).isFalse();
        assertThatThrownBy(() -> Admins.from(TestConfigs.with("warden.admins = [\"coop.test\"]")))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> Admins.of(List.of("admin@coop.test/res")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theEffectiveCapIsTheRoomsOwnElseTheAdminDefaultElseTheConfiguredOne() {
        MemoryStore store = new MemoryStore();
        JID admin = new JID("admin@coop.test");
        JID room = new JID("meeting@conference.coop.test");
        CapPolicy none = new CapPolicy(store, Optional.empty());
        assertThat(none.forRoom(room)).isEqualTo(new EffectiveCap(Cap.unlimited(), EffectiveCap.Source.NONE));

        CapPolicy caps = new CapPolicy(store, Optional.of(Cap.seats(10)));
        assertThat(caps.forRoom(room)).isEqualTo(new EffectiveCap(Cap.seats(10), EffectiveCap.Source.CONFIG_DEFAULT));
        store.setDefaultCap(Optional.of(Cap.seats(4)), admin);
        assertThat(caps.forRoom(room)).isEqualTo(new EffectiveCap(Cap.seats(4), EffectiveCap.Source.ADMIN_DEFAULT));
        store.setDefaultCap(Optional.of(Cap.unlimited()), admin);
        assertThat(caps.forRoom(room).cap()).isEqualTo(Cap.unlimited());
        store.setRoomCap(room, Optional.of(Cap.seats(30)), admin);
        assertThat(caps.forRoom(room)).isEqualTo(new EffectiveCap(Cap.seats(30), EffectiveCap.Source.ROOM));
        store.setRoomCap(room, Optional.of(Cap.unlimited()), admin);
        assertThat(caps.forRoom(room)).isEqualTo(new EffectiveCap(Cap.unlimited(), EffectiveCap.Source.ROOM));
    }
}
