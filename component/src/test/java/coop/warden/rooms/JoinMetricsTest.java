package coop.warden.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.metrics.Metrics;
import coop.warden.store.Cap;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

/** Join decisions as the metrics endpoint counts them, and the room gauges. */
class JoinMetricsTest {
    private final Metrics metrics = new Metrics();
    private final RoomsFixture f = new RoomsFixture(TestConfigs.base(), new MemoryStore(), metrics.joins());

    JoinMetricsTest() {
        metrics.watchRooms(() -> f.module.occupiedRooms(r -> true), f.module::countedOccupants, () -> 0);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void allowedAndFullJoinsAreCountedAndRoomsAndOccupantsFollowTheLedger() throws Exception {
        f.sync("");
        f.store.setRoomCap(new JID("meeting@conference.coop.test"), Optional.of(Cap.seats(2)), new JID("admin@coop.test"));
        for (String who : new String[] {"alice", "bob"}) {
            assertThat(RoomsFixture.allowed(f.join("meeting", who))).isTrue();
            f.joined("meeting", who);
        }
        assertThat(RoomsFixture.allowed(f.join("meeting", "carol"))).isFalse();
        assertThat(RoomsFixture.allowed(f.join("other", "dave"))).isTrue();
        f.joined("other", "dave");

        assertThat(metrics.registry().scrape()).contains("warden_joins_allowed_total 3\n",
                "warden_joins_refused_total{reason=\"full\"} 1\n", "warden_rooms 2\n", "warden_room_occupants 3\n");
        f.left("other", "dave");
        assertThat(metrics.registry().scrape()).contains("warden_rooms 1\n", "warden_room_occupants 2\n");
    }

    @Test
    void aJoinBeforeTheSyncIsCountedAsNotReady() throws Exception {
        f.store.setRoomCap(new JID("meeting@conference.coop.test"), Optional.of(Cap.seats(2)), new JID("admin@coop.test"));
        f.module.onLinkUp();
        var pending = f.send(RoomsFixture.HOST, "join", RoomsFixture.attrs("meeting", "alice"));
        f.requester.next().answer().completeExceptionally(new java.util.concurrent.TimeoutException("no sync"));
        assertThat(RoomsFixture.allowed(RoomsFixture.decision(pending.get(10, java.util.concurrent.TimeUnit.SECONDS))))
                .isFalse();
        assertThat(metrics.registry().scrape()).contains("warden_joins_refused_total{reason=\"not_ready\"} 1\n",
                "warden_joins_allowed_total 0\n");
    }
}
