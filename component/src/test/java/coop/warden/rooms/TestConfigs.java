// Inline HOCON for tests: the warden.muc / warden.rules / warden.store / warden.admins keys with test values.
package coop.warden.rooms;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

public final class TestConfigs {
    public static final String BASE = """
            warden {
              admins = ["admin@coop.test"]
              auth.hosts = ["coop.test"]
              rules {
                default = members-moderate
                member-domains = null
                owner-grace = 60 seconds
                guest-needs-member = true
              }
              muc {
                hosts = ["conference.coop.test"]
                default-cap = null
                exempt = ["focus@auth.coop.test", "recorder.coop.test"]
                reservation-timeout = 10 seconds
                sync-timeout = 2 seconds
              }
              store.path = "/nonexistent/warden.db"
            }
            """;

    private TestConfigs() {}

    /** {@code overrides} (HOCON) on top of {@link #BASE}. */
    public static Config with(String overrides) {
        return ConfigFactory.parseString(overrides).withFallback(ConfigFactory.parseString(BASE)).resolve();
    }

    public static Config base() {
        return with("");
    }
}
