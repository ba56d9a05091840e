// Every metric Warden exports: the features' hooks and the gauges read from the link and the rooms.
package coop.warden.metrics;

import coop.warden.xmpp.LinkState;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Created once in {@code Main}; hand {@link #auth()} and {@link #joins()} to the features, then
 * point the gauges at the parts that own the values. {@link #registry()} is what the endpoint serves.
 */
public final class Metrics {
    private final MetricRegistry registry = new MetricRegistry();
    private final AuthMetrics auth = new AuthMetrics(registry);
    private final JoinMetrics joins = new JoinMetrics(registry);

    public AuthMetrics auth() {
        return auth;
    }

    public JoinMetrics joins() {
        return joins;
    }

    public MetricRegistry registry() {
        return registry;
    }

    /**
     * @param connects successful handshakes since start (the first one included)
     */
    public void watchLink(Supplier<LinkState> state, LongSupplier connects) {
        registry.register(new Gauge("warden_link_up",
                "1 while the component link to Prosody is connected, else 0 (logins and joins then fail).",
                () -> state.get() == LinkState.CONNECTED ? 1 : 0));
        registry.register(Counter.reading("warden_link_reconnects",
                "Times the component link was re-established after it was lost.",
                () -> Math.max(0, connects.getAsLong() - 1)));
    }

    /**
     * @param rooms         rooms with anyone in them
     * @param occupants     people in those rooms (service accounts such as focus excluded)
     * @param breakoutRooms breakout rooms in use
     */
    public void watchRooms(LongSupplier rooms, LongSupplier occupants, LongSupplier breakoutRooms) {
        registry.register(new Gauge("warden_rooms", "Rooms with at least one occupant, on the MUC hosts Warden"
                + " decides for.", rooms::getAsLong));
        registry.register(new Gauge("warden_room_occupants", "People in those rooms, as counted against caps"
                + " (service accounts such as Jitsi's focus are not counted).", occupants::getAsLong));
        registry.register(new Gauge("warden_breakout_rooms", "Breakout rooms in use.", breakoutRooms::getAsLong));
    }
}
