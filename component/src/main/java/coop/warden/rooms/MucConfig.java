// Typed room-policy settings (warden.muc), loaded once from the root config.
package coop.warden.rooms;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import coop.warden.store.Cap;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.xmpp.packet.JID;

/**
 * {@code warden.muc}: the MUC hosts Warden decides for, the configured default cap, the
 * exempt service accounts, the reservation timeout and the sync timeout. Defaults live in
 * reference.conf; this only checks values.
 */
record MucConfig(Set<JID> hosts, Optional<Cap> defaultCap, Exemptions exempt,
                 Duration reservationTimeout, Duration syncTimeout) {
    MucConfig {
        hosts = Set.copyOf(hosts);
        Objects.requireNonNull(defaultCap, "defaultCap");
        Objects.requireNonNull(exempt, "exempt");
        for (JID host : hosts) {
            if (host.getNode() != null || host.getResource() != null) {
                throw new IllegalArgumentException("a MUC host is a bare domain: " + host);
            }
        }
        if (reservationTimeout.isNegative() || reservationTimeout.isZero()) {
            throw new IllegalArgumentException("reservation-timeout must be positive: " + reservationTimeout);
        }
        if (syncTimeout.isNegative() || syncTimeout.isZero()) {
            throw new IllegalArgumentException("sync-timeout must be positive: " + syncTimeout);
        }
    }

    static MucConfig from(Config root) {
        Config muc = root.getConfig("warden.muc");
        Set<JID> hosts = new LinkedHashSet<>();
        for (String h : muc.getStringList("hosts")) {
            hosts.add(parse(muc, "hosts", () -> new JID(h.strip())));
        }
        Optional<Cap> defaultCap = muc.hasPath("default-cap")
                ? Optional.of(parse(muc, "default-cap", () -> Cap.parse(muc.getString("default-cap"))))
                : Optional.empty();
        Exemptions exempt = parse(muc, "exempt", () -> Exemptions.parse(muc.getStringList("exempt")));
        Duration reservation = muc.getDuration("reservation-timeout");
        Duration sync = muc.getDuration("sync-timeout");
        return parse(muc, "", () -> new MucConfig(hosts, defaultCap, exempt, reservation, sync));
    }

    private interface Parser<T> {
        T parse();
    }

    private static <T> T parse(Config muc, String key, Parser<T> parser) {
        try {
            return parser.parse();
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(muc.origin(), key.isEmpty() ? "warden.muc" : "warden.muc." + key,
                    e.getMessage());
        }
    }
}
