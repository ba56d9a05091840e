// RoomPolicy with a RoomGate installed: refusals reach the joiner, meeting-wide counting, emptied vs destroyed.
package coop.warden.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.store.Cap;
import coop.warden.xmpp.ErrorCondition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dom4j.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

class RoomGateTest {
    static final JID MAIN = new JID("main@conference.coop.test");
    static final JID SIDE = new JID("side@conference.coop.test");

    /** A gate that refuses "barred", shares MAIN's cap with SIDE, and records what it is told. */
    static final class RecordingGate implements RoomGate {
        final List<String> told = new ArrayList<>();

        @Override
        public Optional<Refusal> create(JID room, JID creator, OccupantKind kind) {
            return room.getNode().equals("barred")
                    ? Optional.of(new Refusal(ErrorCondition.NOT_ALLOWED, "Not open.", "test")) : Optional.empty();
        }

        @Override
        public Optional<Refusal> join(JID room, JID occupant, OccupantKind kind) {
            return occupant.getNode().equals("dave") && kind == OccupantKind.PERSON
                    ? Optional.of(new Refusal(ErrorCondition.NOT_ALLOWED, "Only for participants of main.", "test"))
                    : Optional.empty();
        }

        @Override
        public Optional<CapScope> capScope(JID room) {
            return room.equals(MAIN) || room.equals(SIDE) ? Optional.of(new CapScope(MAIN, Set.of(MAIN, SIDE)))
                    : Optional.empty();
        }

        @Override
        public void joined(JID room, JID occupant, OccupantKind kind) {
            told.add("joined " + room.getNode() + " " + occupant.getNode() + " " + kind);
        }

        @Override
        public void destroyed(JID room, boolean emptied) {
            told.add("destroyed " + room.getNode() + (emptied ? " emptied" : ""));
        }
    }

    RoomsFixture rooms;
    final RecordingGate gate = new RecordingGate();

    @BeforeEach
    void setUp() throws Exception {
        rooms = new RoomsFixture();
        rooms.module.useGate(gate);
        rooms.sync("");
    }

    @AfterEach
    void tearDown() {
        rooms.close();
    }

    @Test
    void theGatesRefusalIsWhatTheJoinerOrCreatorGets() throws Exception {
        Element refused = RoomsFixture.decision(rooms.sendNow("join", RoomsFixture.attrs("main", "dave")));
        assertThat(refused.attributeValue("allow")).isEqualTo("false");
        assertThat(refused.attributeValue("condition")).isEqualTo("not-allowed");
        assertThat(refused.elementText("text")).isEqualTo("Only for participants of main.");
        assertThat(rooms.module.seats(MAIN)).as("no seat was reserved").isEmpty();

        Element create = RoomsFixture.decision(rooms.sendNow("create",
                "room='barred@conference.coop.test' occupant='alice@coop.test/dev'"));
        assertThat(create.attributeValue("allow")).isEqualTo("false");
        assertThat(create.elementText("text")).isEqualTo("Not open.");
    }

    @Test
    void roomsInOneCapScopeShareTheCapAndOneSessionInTwoOfThemCountsOnce() throws Exception {
        rooms.module.admin().setRoomCap(MAIN, Cap.seats(2), new JID("admin@coop.test"));
        assertThat(RoomsFixture.allowed(rooms.join("main", "alice"))).isTrue();
        assertThat(RoomsFixture.allowed(rooms.join("side", "bob"))).isTrue();
        Element full = rooms.join("side", "carol");
        assertThat(full.attributeValue("allow")).isEqualTo("false");
        assertThat(full.element("full").attributeValue("count")).isEqualTo("2");
        // alice@coop.test/dev is counted in main already: entering side takes no new seat.
        assertThat(RoomsFixture.allowed(rooms.join("side", "alice"))).isTrue();
        // A room outside the scope counts alone.
        assertThat(RoomsFixture.allowed(rooms.join("elsewhere", "carol"))).isTrue();
    }

    @Test
    void theGateIsToldOfJoinsAndWhetherARoomEmptiedOrWasDestroyed() throws Exception {
        rooms.joined("main", "alice");
        rooms.sendNow("destroyed", "room='main@conference.coop.test' emptied='true'");
        rooms.sendNow("destroyed", "room='side@conference.coop.test'");
        assertThat(gate.told).containsExactly("joined main alice PERSON", "destroyed main emptied", "destroyed side");
    }

    @Test
    void withoutAGateNothingChanges() throws Exception {
        try (RoomsFixture plain = new RoomsFixture()) {
            plain.sync("");
            plain.module.admin().setRoomCap(MAIN, Cap.seats(1), new JID("admin@coop.test"));
            assertThat(RoomsFixture.allowed(plain.join("main", "dave"))).isTrue();
            assertThat(RoomsFixture.allowed(plain.join("side", "bob"))).as("side counts alone").isTrue();
        }
    }

    @Test
    void theLedgerCountsAScopeUnderOneLock() {
        RoomLedger ledger = new RoomLedger(new FakeClock(), Duration.ofSeconds(10),
                new Classifier(Admins.of(List.of("admin@coop.test")), Exemptions.parse(List.of("recorder.coop.test"))));
        RoomGate.CapScope scope = new RoomGate.CapScope(MAIN, Set.of(MAIN, SIDE));
        JID alice = new JID("alice@coop.test/a");
        assertThat(ledger.reserve(MAIN, alice, new JID("main@conference.coop.test/alice"), Cap.seats(1), scope))
                .isInstanceOf(Admission.Admitted.class);
        assertThat(ledger.reserve(SIDE, new JID("bob@coop.test/b"), new JID("side@conference.coop.test/bob"),
                Cap.seats(1), scope)).isEqualTo(new Admission.Full(1, 1));
        assertThat(ledger.reserve(SIDE, new JID("rec@recorder.coop.test/r"), new JID("side@conference.coop.test/rec"),
                Cap.seats(1), scope)).as("a service account never counts").isInstanceOf(Admission.Admitted.class);
        assertThat(ledger.reserve(SIDE, new JID("admin@coop.test/x"), new JID("side@conference.coop.test/admin"),
                Cap.seats(1), scope)).isEqualTo(new Admission.Admitted(false, true));
    }
}
