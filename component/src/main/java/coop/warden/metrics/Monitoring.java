// Wires what an admin monitors: the gauges over the link and the rooms, the Prosody check, the HTTP endpoint.
package coop.warden.metrics;

import coop.warden.config.WardenConfig;
import coop.warden.health.Health;
import coop.warden.health.ProsodyCheck;
import coop.warden.rooms.RoomsModule;
import coop.warden.xmpp.ComponentLink;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Built by {@code Main} before the link starts (it registers a link-up listener); close it on shutdown. */
public final class Monitoring implements AutoCloseable {
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);

    private final MetricsServer server;

    private Monitoring(MetricsServer server) {
        this.server = server;
    }

    public static Monitoring start(WardenConfig config, MetricsConfig endpoint, Metrics metrics, ComponentLink link,
                                   RoomsModule rooms) {
        Set<String> mucHosts = Set.copyOf(list(config, "warden.muc.hosts"));
        Set<String> breakoutHosts = Set.copyOf(list(config, "warden.breakout.hosts"));
        Health health = new Health(link::state, () -> new ProsodyCheck(link, config.component().jid(),
                config.auth().hosts(), mucHosts, CHECK_TIMEOUT));
        link.onUp(health::onLinkUp);
        metrics.watchLink(link::state, link::reconnects);
        metrics.watchRooms(() -> rooms.occupiedRooms(room -> true), rooms::countedOccupants,
                () -> rooms.occupiedRooms(room -> breakoutHosts.contains(room.getDomain())));
        return new Monitoring(MetricsServer.start(endpoint, metrics.registry(), health::report));
    }

    private static List<String> list(WardenConfig config, String path) {
        return config.raw().hasPath(path) ? config.raw().getStringList(path) : List.of();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
