package coop.warden.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.store.Cap;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

class RoomLedgerTest {
    static final JID ROOM = new JID("meeting@conference.coop.test");
    static final Cap ONE = Cap.seats(1);
    static final Cap THREE = Cap.seats(3);

    final FakeClock clock = new FakeClock();
    final RoomLedger ledger = new RoomLedger(clock, Duration.ofSeconds(10), new Classifier(
            Admins.of(List.of("admin@coop.test")),
            Exemptions.parse(List.of("focus@auth.coop.test", "recorder.coop.test"))));

    static JID person(String name) {
        return new JID(name + "@coop.test/laptop");
    }

    static JID nick(String name) {
        return new JID("meeting@conference.coop.test/" + name);
    }

    Admission join(String name, Cap cap) {
        return ledger.reserve(ROOM, person(name), nick(name), cap);
    }

    @Test
    void aCapAdmitsUpToItsSeatsThenTheRoomIsFull() {
        assertThat(join("alice", THREE)).isEqualTo(new Admission.Admitted(false, false));
        assertThat(join("bob", THREE)).isInstanceOf(Admission.Admitted.class);
        assertThat(join("carol", THREE)).isInstanceOf(Admission.Admitted.class);
        assertThat(join("dave", THREE)).isEqualTo(new Admission.Full(3, 3));
        assertThat(ledger.counted(ROOM)).isEqualTo(3);
    }

    @Test
    void aCapOfZeroAdmitsNoPerson() {
        assertThat(join("alice", Cap.seats(0))).isEqualTo(new Admission.Full(0, 0));
    }

    @Test
    void noCapAdmitsEveryone() {
        for (int i = 0; i < 50; i++) {
            assertThat(join("p" + i, Cap.unlimited())).isInstanceOf(Admission.Admitted.class);
        }
        assertThat(ledger.counted(ROOM)).isEqualTo(50);
    }

    @Test
    void aRejoinOrNickChangeKeepsTheSameSeat() {
        join("alice", ONE);
        assertThat(ledger.reserve(ROOM, person("alice"), nick("Alice2"), ONE))
                .isEqualTo(new Admission.Admitted(true, false));
        ledger.confirm(ROOM, person("alice"), nick("Alice2"));
        assertThat(join("alice", ONE)).isEqualTo(new Admission.Admitted(true, false));
        assertThat(ledger.counted(ROOM)).isEqualTo(1);
        assertThat(ledger.seats(ROOM).orElseThrow()).singleElement()
                .satisfies(s -> assertThat(s.isReservation()).isFalse());
    }

    @Test
    void serviceAccountsNeverCountAndAreNeverRefused() {
        join("alice", ONE);
        assertThat(ledger.reserve(ROOM, new JID("focus@auth.coop.test/focus1"), nick("focus"), ONE))
                .isInstanceOf(Admission.Admitted.class);
        assertThat(ledger.reserve(ROOM, new JID("recorder.coop.test"), nick("rec"), ONE))
                .isInstanceOf(Admission.Admitted.class);
        assertThat(ledger.reserve(ROOM, new JID("jibri@recorder.coop.test/x"), nick("jibri"), ONE))
                .isInstanceOf(Admission.Admitted.class);
        assertThat(ledger.counted(ROOM)).isEqualTo(1);
        assertThat(ledger.seats(ROOM).orElseThrow()).hasSize(4);
        // A subdomain or another account on the focus's domain is not exempt.
        assertThat(ledger.reserve(ROOM, new JID("x@sub.recorder.coop.test/y"), nick("x"), ONE))
                .isInstanceOf(Admission.Full.class);
        assertThat(ledger.reserve(ROOM, new JID("mallory@auth.coop.test/y"), nick("m"), ONE))
                .isInstanceOf(Admission.Full.class);
    }

    @Test
    void anAdminIsLetInPastTheCapAndTakesASeat() {
        join("alice", ONE);
        assertThat(ledger.reserve(ROOM, new JID("admin@coop.test/phone"), nick("Admin"), ONE))
                .isEqualTo(new Admission.Admitted(false, true));
        assertThat(ledger.counted(ROOM)).isEqualTo(2);
        assertThat(join("bob", ONE)).isEqualTo(new Admission.Full(1, 2));
    }

    @Test
    void anUnconfirmedReservationExpiresButASeatDoesNot() {
        join("alice", ONE);
        assertThat(join("bob", ONE)).isInstanceOf(Admission.Full.class);
        clock.advance(Duration.ofSeconds(9));
        assertThat(join("bob", ONE)).isInstanceOf(Admission.Full.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(join("bob", ONE)).isInstanceOf(Admission.Admitted.class);

        ledger.confirm(ROOM, person("bob"), nick("bob"));
        clock.advance(Duration.ofHours(5));
        assertThat(join("carol", ONE)).isInstanceOf(Admission.Full.class);
    }

    @Test
    void aRejoinAttemptRenewsTheReservation() {
        join("alice", ONE);
        clock.advance(Duration.ofSeconds(8));
        join("alice", ONE);
        clock.advance(Duration.ofSeconds(8));
        assertThat(join("bob", ONE)).isInstanceOf(Admission.Full.class);
    }

    @Test
    void leftFreesTheSeatAndIsIdempotent() {
        join("alice", ONE);
        ledger.confirm(ROOM, person("alice"), nick("alice"));
        assertThat(ledger.release(ROOM, person("alice"), nick("alice"))).isTrue();
        assertThat(ledger.release(ROOM, person("alice"), nick("alice"))).isFalse();
        assertThat(ledger.release(new JID("nobody@conference.coop.test"), person("zed"), null)).isFalse();
        assertThat(ledger.counted(ROOM)).isZero();
        assertThat(join("bob", ONE)).isInstanceOf(Admission.Admitted.class);
    }

    @Test
    void leftFindsTheSeatByNickWhenTheRealJidDiffers() {
        join("alice", ONE);
        ledger.confirm(ROOM, person("alice"), nick("alice"));
        assertThat(ledger.release(ROOM, new JID("alice@coop.test/phone"), nick("alice"))).isTrue();
        assertThat(ledger.counted(ROOM)).isZero();
    }

    @Test
    void aJoinedThatOvertookItsLeftDoesNotSeatAGhost() {
        join("alice", ONE);
        ledger.release(ROOM, person("alice"), nick("alice"));
        ledger.confirm(ROOM, person("alice"), nick("alice"));
        assertThat(ledger.counted(ROOM)).isZero();
        // A new join attempt starts a new lifecycle.
        join("alice", ONE);
        ledger.confirm(ROOM, person("alice"), nick("alice"));
        assertThat(ledger.counted(ROOM)).isEqualTo(1);
    }

    @Test
    void aJoinedWithoutReservationCountsEvenOverTheCap() {
        join("alice", ONE);
        ledger.confirm(ROOM, person("carol"), nick("carol"));
        assertThat(ledger.counted(ROOM)).isEqualTo(2);
    }

    @Test
    void destroyedDropsTheRoom() {
        join("alice", ONE);
        ledger.confirm(ROOM, person("alice"), nick("alice"));
        ledger.drop(ROOM);
        assertThat(ledger.rooms()).isEmpty();
        assertThat(join("bob", ONE)).isInstanceOf(Admission.Admitted.class);
        ledger.drop(new JID("never@conference.coop.test"));
    }

    @Test
    void theSweepRemovesExpiredReservationsAndEmptyRooms() {
        join("alice", ONE);
        JID other = new JID("other@conference.coop.test");
        ledger.reserve(other, person("bob"), new JID("other@conference.coop.test/bob"), ONE);
        ledger.confirm(other, person("bob"), new JID("other@conference.coop.test/bob"));
        clock.advance(Duration.ofSeconds(10));
        ledger.sweep();
        assertThat(ledger.rooms()).containsExactly(other);
    }

    @Test
    void roomsAreCountedSeparately() {
        join("alice", ONE);
        JID other = new JID("other@conference.coop.test");
        assertThat(ledger.reserve(other, person("bob"), new JID("other@conference.coop.test/bob"), ONE))
                .isInstanceOf(Admission.Admitted.class);
        assertThat(ledger.roomsOn("conference.coop.test")).containsExactlyInAnyOrder(ROOM, other);
        assertThat(ledger.roomsOn("breakout.coop.test")).isEmpty();
    }
}
