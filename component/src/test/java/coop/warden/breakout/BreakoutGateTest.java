// Who may create and enter breakout rooms, and which rooms share a cap.
package coop.warden.breakout;

import static coop.warden.breakout.BreakoutFixture.ADMIN;
import static coop.warden.breakout.BreakoutFixture.ALICE;
import static coop.warden.breakout.BreakoutFixture.BOB;
import static coop.warden.breakout.BreakoutFixture.CAROL;
import static coop.warden.breakout.BreakoutFixture.DAVE;
import static coop.warden.breakout.BreakoutFixture.FOCUS;
import static coop.warden.breakout.BreakoutFixture.MAIN;
import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.rooms.OccupantKind;
import coop.warden.rooms.RoomGate;
import coop.warden.xmpp.ErrorCondition;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

class BreakoutGateTest {
    private final BreakoutFixture f = new BreakoutFixture().withMeetingUnderWay();

    private Optional<RoomGate.Refusal> join(JID room, JID who) {
        OccupantKind kind = who.equals(FOCUS) ? OccupantKind.SERVICE
                : who.equals(ADMIN) ? OccupantKind.ADMIN : OccupantKind.PERSON;
        return f.gate.join(room, who, kind);
    }

    @Test
    void onlyRoomsAMeetingOpenedCanBeCreatedOnTheBreakoutHost() {
        f.open(1);
        assertThat(f.gate.create(f.room(1), BOB, OccupantKind.PERSON)).as("open: Prosody lost it").isEmpty();
        JID stray = new JID("party@breakout.coop.test");
        assertThat(f.gate.create(stray, BOB, OccupantKind.PERSON)).hasValueSatisfying(r -> {
            assertThat(r.error()).isEqualTo(ErrorCondition.NOT_ALLOWED);
            assertThat(r.text()).isEqualTo("Breakout rooms on breakout.coop.test are opened by a meeting's moderators;"
                    + " party@breakout.coop.test is not open.");
        });
        assertThat(f.gate.create(new JID("anything@conference.coop.test"), DAVE, OccupantKind.PERSON)).isEmpty();
        assertThat(join(stray, ADMIN)).as("not open, even for an admin").isPresent();
    }

    @Test
    void peopleInTheMeetingEnterAndStrangersAreRefusedWithAClearText() {
        f.open(2);
        assertThat(join(f.room(1), BOB)).as("bob is in the main room").isEmpty();
        assertThat(join(f.room(1), DAVE)).hasValueSatisfying(r -> {
            assertThat(r.error()).isEqualTo(ErrorCondition.NOT_ALLOWED);
            assertThat(r.text()).isEqualTo("This breakout room is only for participants of standup@conference.coop.test.");
        });
        assertThat(join(f.room(1), ADMIN)).as("admins").isEmpty();
        assertThat(join(f.room(1), FOCUS)).as("service accounts").isEmpty();
        assertThat(join(new JID("standup@conference.coop.test"), DAVE)).as("main rooms are not the gate's").isEmpty();
    }

    @Test
    void aParticipantMovingLikeJitsiLeavesTheMainRoomFirstAndStillGetsIn() {
        f.open(1);
        f.gate.joined(MAIN, CAROL, OccupantKind.PERSON);
        f.occupancy.leave(MAIN, CAROL);
        assertThat(join(f.room(1), CAROL)).isEmpty();
    }

    @Test
    void someoneWhoLeftTheMeetingLongerAgoThanTheMoveGraceIsNoLongerInIt() {
        f.open(1);
        f.gate.joined(MAIN, CAROL, OccupantKind.PERSON);
        f.clock.advance(java.time.Duration.ofHours(1)); // in the main room all along
        f.occupancy.leave(MAIN, CAROL);
        f.gate.left(MAIN, CAROL, OccupantKind.PERSON);
        f.clock.advance(BreakoutFixture.MOVE_GRACE);
        assertThat(join(f.room(1), CAROL)).as("moving or reconnecting, just within the grace").isEmpty();
        f.clock.advance(java.time.Duration.ofMillis(1));
        assertThat(join(f.room(1), CAROL)).as("gone from the meeting").hasValueSatisfying(r -> assertThat(r.text())
                .isEqualTo("This breakout room is only for participants of standup@conference.coop.test."));
        f.occupancy.enter(MAIN, CAROL);
        assertThat(join(f.room(1), CAROL)).as("back in the main room").isEmpty();
    }

    @Test
    void aLeaveFromABreakoutRoomStartsTheGraceToo() {
        f.open(2);
        f.occupancy.leave(MAIN, BOB);
        f.occupancy.enter(f.room(1), BOB);
        f.gate.joined(f.room(1), BOB, OccupantKind.PERSON);
        f.clock.advance(java.time.Duration.ofMinutes(30));
        f.occupancy.leave(f.room(1), BOB);
        f.gate.left(f.room(1), BOB, OccupantKind.PERSON);
        assertThat(join(f.room(2), BOB)).as("from one breakout room to the next").isEmpty();
        f.clock.advance(BreakoutFixture.MOVE_GRACE.plusSeconds(1));
        assertThat(join(f.room(2), BOB)).isPresent();
    }

    @Test
    void anAssignedParticipantGetsInFromAnywhere() {
        f.open(1);
        f.service.assign(ALICE, MAIN, "dave@coop.test", "1");
        assertThat(join(f.room(1), DAVE)).isEmpty();
    }

    @Test
    void aClosingRoomTurnsEveryoneBackToTheMainRoom() {
        f.open(1);
        f.driver.answer = MucDriver.Result.FAILED;
        f.service.close(ALICE, MAIN, Optional.empty());
        assertThat(join(f.room(1), BOB)).hasValueSatisfying(
                r -> assertThat(r.text()).isEqualTo("This breakout room has closed; please return to " + MAIN + "."));
        assertThat(f.gate.create(f.room(1), BOB, OccupantKind.PERSON)).isPresent();
    }

    @Test
    void withMeetingWideCapsAMeetingsRoomsShareTheMainRoomsCap() {
        assertThat(f.gate.capScope(MAIN)).as("no breakout rooms yet").isEmpty();
        f.open(2);
        RoomGate.CapScope scope = f.gate.capScope(f.room(2)).orElseThrow();
        assertThat(scope.capRoom()).isEqualTo(MAIN);
        assertThat(scope.rooms()).isEqualTo(Set.of(MAIN, f.room(1), f.room(2)));
        assertThat(f.gate.capScope(MAIN)).contains(scope);

        BreakoutFixture perRoom = new BreakoutFixture(BreakoutFixture.config(4, false),
                new BreakoutFixture.MemoryMeetingStore()).withMeetingUnderWay();
        perRoom.open(1);
        assertThat(perRoom.gate.capScope(perRoom.room(1))).isEmpty();
    }

    @Test
    void moderatorsAreWhomTheRulesMakeOwnerWhileInTheMeetingAndWhoeverOpenedTheRooms() {
        RulesModerators m = new RulesModerators(f.moderators::isModerator, f.meetings,
                new Participation(f.occupancy, f.roster));
        f.moderators.add(MAIN, DAVE);
        assertThat(m.isModerator(MAIN, ALICE)).isTrue();
        assertThat(m.isModerator(MAIN, DAVE)).as("the rules say so, but dave is not in the meeting").isFalse();
        assertThat(m.isModerator(MAIN, BOB)).isFalse();
        f.open(1);
        f.moderators.pairs.clear();
        f.occupancy.leave(MAIN, ALICE);
        assertThat(m.isModerator(MAIN, new JID("alice@coop.test/phone"))).as("alice opened them").isTrue();
    }
}
