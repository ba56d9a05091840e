// Typed breakout-room settings (warden.breakout), loaded once from the root config.
package coop.warden.breakout;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.xmpp.packet.JID;

/**
 * {@code warden.breakout}: the breakout MUC hosts (each must also be one of {@code warden.muc.hosts},
 * so that its plugin's requests are taken), the most rooms a meeting may have, how long an empty
 * breakout room is kept, whether caps count the whole meeting, how long Warden waits for Prosody,
 * and the longest duration a moderator may give. Defaults live in reference.conf.
 */
public record BreakoutConfig(List<JID> hosts, int maxRooms, Duration emptyTimeout, boolean meetingWideCaps,
                             Duration requestTimeout, Duration maxDuration, Duration moveGrace) {
    static final int MAX_ROOMS_LIMIT = 100;

    public BreakoutConfig {
        hosts = List.copyOf(hosts);
        for (JID host : hosts) {
            if (host.getNode() != null || host.getResource() != null) {
                throw new IllegalArgumentException("a breakout host is a bare domain: " + host);
            }
        }
        if (maxRooms < 1 || maxRooms > MAX_ROOMS_LIMIT) {
            throw new IllegalArgumentException("max-rooms must be 1 to " + MAX_ROOMS_LIMIT + ": " + maxRooms);
        }
        positive("empty-timeout", emptyTimeout);
        positive("request-timeout", requestTimeout);
        positive("max-duration", maxDuration);
        Objects.requireNonNull(moveGrace, "move-grace");
        if (moveGrace.isNegative()) {
            throw new IllegalArgumentException("move-grace must not be negative: " + moveGrace);
        }
    }

    /** Reads {@code warden.breakout}; {@code mucHosts} is {@code warden.muc.hosts}, which must hold every breakout host. */
    public static BreakoutConfig from(Config root, Set<JID> mucHosts) {
        Config b = root.getConfig("warden.breakout");
        List<JID> hosts = new ArrayList<>();
        for (String h : b.getStringList("hosts")) {
            JID host = parse("hosts", () -> new JID(h.strip()));
            if (!mucHosts.contains(host)) {
                throw new ConfigException.BadValue(b.origin(), "warden.breakout.hosts", host + " is not one of"
                        + " warden.muc.hosts: add it there too (and load mod_warden_muc on it), so that Warden"
                        + " decides its joins");
            }
            hosts.add(host);
        }
        int maxRooms = b.getInt("max-rooms");
        Duration empty = b.getDuration("empty-timeout");
        boolean meetingWide = b.getBoolean("meeting-wide-caps");
        Duration request = b.getDuration("request-timeout");
        Duration maxDuration = b.getDuration("max-duration");
        Duration moveGrace = b.getDuration("move-grace");
        return parse("", () -> new BreakoutConfig(hosts, maxRooms, empty, meetingWide, request, maxDuration,
                moveGrace));
    }

    public boolean enabled() {
        return !hosts.isEmpty();
    }

    /** The host new breakout rooms are opened on: the first one listed. */
    JID primaryHost() {
        return hosts.get(0);
    }

    boolean isBreakoutHost(String domain) {
        return hosts.stream().anyMatch(h -> h.getDomain().equals(domain));
    }

    private static void positive(String key, Duration d) {
        Objects.requireNonNull(d, key);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be positive: " + d);
        }
    }

    private interface Parser<T> {
        T parse();
    }

    private static <T> T parse(String key, Parser<T> parser) {
        try {
            return parser.parse();
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(key.isEmpty() ? "warden.breakout" : "warden.breakout." + key,
                    e.getMessage());
        }
    }
}
