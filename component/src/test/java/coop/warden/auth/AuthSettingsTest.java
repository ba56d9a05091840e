package coop.warden.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** warden.auth.cache, .limits and .kdc-probe: reference.conf's defaults, and bad values named by key. */
class AuthSettingsTest {

    @Test
    void referenceDefaults() {
        try (AuthFixture f = new AuthFixture("")) {
            assertThat(f.guards().cache().enabled()).isTrue();
        }
        com.typesafe.config.Config auth = com.typesafe.config.ConfigFactory.defaultReference().getConfig("warden.auth");
        CacheSettings cache = CacheSettings.from(auth);
        assertThat(cache.lifetime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(cache.maxEntries()).isEqualTo(10_000);
        assertThat(cache.hashIterations()).isEqualTo(20_000);
        assertThat(cache.recheckInterval()).isEqualTo(Duration.ofSeconds(30));
        LimitSettings limits = LimitSettings.from(auth);
        assertThat(limits.perUser()).isEqualTo(new LimitSettings.Window(10, Duration.ofMinutes(5)));
        assertThat(limits.perIp()).isEqualTo(new LimitSettings.Window(20, Duration.ofMinutes(5)));
        assertThat(limits.exempt()).isEmpty();
        assertThat(KdcProbeSettings.from(auth).enabled()).isFalse();
    }

    @Test
    void badValuesNameTheirKey() {
        String[][] cases = {
            {"cache.hash-iterations = 10", "warden.auth.cache"},
            {"cache.lifetime = 0 seconds", "warden.auth.cache"},
            {"cache.max-entries = 0", "warden.auth.cache"},
            {"limits.per-ip.failures = -1", "warden.auth.limits"},
            {"limits.exempt-ips = [\"example.org\"]", "warden.auth.limits"},
            {"kdc-probe.timeout = 0 seconds", "warden.auth.kdc-probe"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> new AuthFixture(c[0]).close()).as(c[0])
                    .isInstanceOf(ConfigException.BadValue.class).hasMessageContaining(c[1]);
        }
    }

    @Test
    void kdcAddressesTakePort88ByDefault() {
        com.typesafe.config.Config auth = com.typesafe.config.ConfigFactory.parseString(
                "kdc-probe { addresses = [\"kdc.example.org\", \"127.0.0.1:750\"], timeout = 1 second }");
        assertThat(KdcProbeSettings.from(auth).addresses()).extracting(Object::toString)
                .containsExactly("kdc.example.org:88", "127.0.0.1:750");
    }
}
