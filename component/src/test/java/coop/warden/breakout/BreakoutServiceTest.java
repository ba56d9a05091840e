// The moderator actions and the housekeeping, with a fake clock, a fake ledger view and a fake Prosody.
package coop.warden.breakout;

import static coop.warden.breakout.BreakoutFixture.ALICE;
import static coop.warden.breakout.BreakoutFixture.BOB;
import static coop.warden.breakout.BreakoutFixture.CAROL;
import static coop.warden.breakout.BreakoutFixture.DAVE;
import static coop.warden.breakout.BreakoutFixture.MAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import coop.warden.store.MeetingRecord;
import coop.warden.xmpp.ErrorCondition;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

class BreakoutServiceTest {
    private final BreakoutFixture f = new BreakoutFixture().withMeetingUnderWay();

    private static ErrorCondition condition(Runnable r) {
        try {
            r.run();
        } catch (BreakoutException e) {
            return e.condition();
        }
        throw new AssertionError("no BreakoutException");
    }

    @Test
    void opensNumberedRoomsOnTheBreakoutHostAndHasProsodyCreateThem() {
        MeetingStatus s = f.open(3);

        assertThat(s.rooms()).extracting(MeetingStatus.Room::name)
                .containsExactly("main room", "Breakout room 1", "Breakout room 2", "Breakout room 3");
        assertThat(f.room(1)).isEqualTo(new JID("standup-1@breakout.coop.test"));
        assertThat(f.driver.calls("create")).extracting(BreakoutFixture.FakeDriver.Call::room)
                .containsExactly(f.room(1), f.room(2), f.room(3));
        assertThat(f.store.rows.get(MAIN).moderator()).isEqualTo(ALICE.asBareJID());
        assertThat(s.deadline()).isEmpty();
    }

    @Test
    void namedRoomsMustHaveDistinctNames() {
        assertThat(condition(() -> f.service.open(ALICE, MAIN, OpenRequest.of(Optional.empty(),
                List.of("Design", "design"), Optional.empty(), 4)))).isEqualTo(ErrorCondition.BAD_REQUEST);
        assertThat(f.store.rows).isEmpty();
        f.service.open(ALICE, MAIN, OpenRequest.of(Optional.empty(), List.of("Design", "Ops"), Optional.empty(), 4));
        assertThat(f.driver.calls("create")).extracting(BreakoutFixture.FakeDriver.Call::detail).containsExactly("Design", "Ops");
    }

    @Test
    void nonModeratorsGetForbiddenAndNothingChanges() {
        assertThat(condition(() -> f.service.open(BOB, MAIN, OpenRequest.of(Optional.of(2), List.of(),
                Optional.empty(), 4)))).isEqualTo(ErrorCondition.FORBIDDEN);
        f.open(1);
        assertThat(condition(() -> f.service.close(DAVE, MAIN, Optional.empty()))).isEqualTo(ErrorCondition.FORBIDDEN);
        assertThat(condition(() -> f.service.show(BOB, MAIN))).isEqualTo(ErrorCondition.FORBIDDEN);
        assertThat(f.store.rows.get(MAIN).openRooms()).hasSize(1);
        // Admins run any meeting.
        assertThat(f.service.show(BreakoutFixture.ADMIN, MAIN).rooms()).hasSize(2);
    }

    @Test
    void tooManyRoomsOrAnUnknownMeetingIsAClearErrorAndChangesNothing() {
        f.open(3);
        int writes = f.store.writes;
        BreakoutException tooMany = (BreakoutException) catchThrowable(() -> f.open(2));
        assertThat(tooMany.condition()).isEqualTo(ErrorCondition.NOT_ACCEPTABLE);
        assertThat(tooMany).hasMessageContaining("at most 4").hasMessageContaining("has 3 open, so at most 1 more");
        assertThat(condition(() -> OpenRequest.of(Optional.of(5), List.of(), Optional.empty(), 4)))
                .isEqualTo(ErrorCondition.NOT_ACCEPTABLE);

        JID empty = new JID("nobody-here@conference.coop.test");
        assertThat(condition(() -> f.service.open(BreakoutFixture.ADMIN, empty, OpenRequest.of(Optional.of(1), List.of(),
                Optional.empty(), 4)))).isEqualTo(ErrorCondition.ITEM_NOT_FOUND);
        assertThat(condition(() -> f.service.rename(ALICE, MAIN, "7", "x"))).isEqualTo(ErrorCondition.ITEM_NOT_FOUND);
        assertThat(f.store.writes).isEqualTo(writes);
        assertThat(f.meetings.byMain(MAIN).orElseThrow().rooms()).hasSize(3);
    }

    @Test
    void aModeratorWhoseJoinProsodyHasNotConfirmedYetCanOpenRooms() {
        JID main = new JID("just-started@conference.coop.test");
        f.moderators.add(main, ALICE); // the rules make her its owner
        f.occupancy.reserve(main, ALICE); // the `joined` notification is still on its way
        MeetingStatus s = f.service.open(ALICE, main, OpenRequest.of(Optional.of(1), List.of(), Optional.empty(), 4));
        assertThat(s.rooms()).filteredOn(r -> !r.main()).extracting(MeetingStatus.Room::name)
                .containsExactly("Breakout room 1");
    }

    @Test
    void assigningRecordsTheRoomAndInvitesTheParticipantsSessionInTheMeeting() {
        f.open(2);
        MeetingStatus s = f.service.assign(ALICE, MAIN, "bob", "2");

        assertThat(s.assignments()).singleElement().satisfies(a -> {
            assertThat(a.participant()).isEqualTo(BOB.asBareJID());
            assertThat(a.room()).isEqualTo(f.room(2));
            assertThat(a.present()).isFalse();
        });
        assertThat(f.driver.invitations).singleElement().satisfies(i -> {
            assertThat(i.to()).isEqualTo(BOB);
            assertThat(i.room()).isEqualTo(f.room(2));
            assertThat(i.reason()).contains("Breakout room 2");
        });

        f.occupancy.enter(f.room(2), BOB);
        assertThat(f.service.show(ALICE, MAIN).assignments().get(0).present()).isTrue();

        // Back to the main room: the assignment goes, and bob is invited there.
        f.driver.clear();
        assertThat(f.service.assign(ALICE, MAIN, "bob@coop.test", MAIN.toBareJID()).assignments()).isEmpty();
        assertThat(f.driver.invitations).singleElement().satisfies(i -> assertThat(i.room()).isEqualTo(MAIN));
    }

    @Test
    void anUnknownParticipantIsNotFound() {
        f.open(1);
        assertThat(condition(() -> f.service.assign(ALICE, MAIN, "zoe", "1"))).isEqualTo(ErrorCondition.ITEM_NOT_FOUND);
        assertThat(f.meetings.byMain(MAIN).orElseThrow().assignments()).isEmpty();
    }

    @Test
    void closingARoomInvitesItsOccupantsBackDestroysItAndForgetsItOnceGone() {
        f.open(2);
        f.occupancy.enter(f.room(1), BOB);
        f.occupancy.enter(f.room(1), BreakoutFixture.FOCUS);
        f.service.assign(ALICE, MAIN, "bob", "1");
        f.driver.clear();
        f.driver.answer = MucDriver.Result.FAILED; // Prosody does not answer yet
        JID first = f.room(1);

        MeetingStatus s = f.service.close(ALICE, MAIN, Optional.of("1"));

        assertThat(s.rooms()).filteredOn(MeetingStatus.Room::closing).extracting(MeetingStatus.Room::jid)
                .containsExactly(first);
        assertThat(s.assignments()).as("assignments to a closed room go").isEmpty();
        assertThat(f.driver.invitations).as("bob, not the focus, is invited back").singleElement()
                .satisfies(i -> assertThat(i).isEqualTo(new BreakoutFixture.FakeDriver.Invitation(BOB, MAIN,
                        Housekeeper.CloseReason.BY_MODERATOR.text)));
        assertThat(f.driver.calls("destroy")).singleElement().satisfies(c -> assertThat(c.alternate()).isEqualTo(MAIN));

        // Prosody reports the room destroyed: it is forgotten; the other room stays.
        f.gate.destroyed(first, false);
        assertThat(f.meetings.byMain(MAIN).orElseThrow().rooms()).extracting(r -> r.room())
                .containsExactly(new JID("standup-2@breakout.coop.test"));

        f.driver.answer = MucDriver.Result.DONE;
        f.service.close(ALICE, MAIN, Optional.empty());
        assertThat(f.meetings.byMain(MAIN)).as("no rooms left: the meeting is gone").isEmpty();
        assertThat(f.store.rows).isEmpty();
    }

    @Test
    void theDurationClosesEveryRoomAtTheDeadlineAndNotBefore() {
        f.service.open(ALICE, MAIN, OpenRequest.of(Optional.of(2), List.of(), Optional.of(Duration.ofMinutes(5)), 4));
        f.occupancy.enter(f.room(1), CAROL);
        f.driver.clear();

        f.clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        f.housekeeper.tick();
        assertThat(f.driver.calls("destroy")).isEmpty();

        f.clock.advance(Duration.ofSeconds(1));
        f.housekeeper.tick();
        assertThat(f.driver.calls("destroy")).hasSize(2);
        assertThat(f.driver.invitations).singleElement().satisfies(i -> {
            assertThat(i.to()).isEqualTo(CAROL);
            assertThat(i.room()).isEqualTo(MAIN);
            assertThat(i.reason()).startsWith("Time is up");
        });
        assertThat(f.meetings.byMain(MAIN)).isEmpty();
    }

    @Test
    void aDurationCanBeSetAndClearedLaterAndIsBounded() {
        f.open(1);
        Optional<java.time.Instant> at = f.service.setDuration(ALICE, MAIN, Optional.of(Duration.ofMinutes(15))).deadline();
        assertThat(at).contains(f.clock.instant().plus(Duration.ofMinutes(15)));
        assertThat(f.service.setDuration(ALICE, MAIN, Optional.empty()).deadline()).isEmpty();
        assertThat(condition(() -> f.service.setDuration(ALICE, MAIN, Optional.of(Duration.ofHours(25)))))
                .isEqualTo(ErrorCondition.BAD_REQUEST);
    }

    @Test
    void anEmptyRoomIsClosedAfterTheEmptyTimeoutOnceItsHostIsSynced() {
        f.open(2);
        f.occupancy.enter(f.room(2), CAROL);
        f.occupancy.synced.clear(); // Warden just restarted: the breakout host's occupants are not known yet
        f.driver.clear();
        f.housekeeper.tick();
        f.clock.advance(Duration.ofMinutes(11));
        f.housekeeper.tick();
        assertThat(f.driver.calls("destroy")).as("unknown is not empty").isEmpty();

        f.occupancy.synced.add(new JID(BreakoutFixture.HOST));
        f.housekeeper.tick(); // room 1 is seen empty from now
        f.clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        f.housekeeper.tick();
        assertThat(f.driver.calls("destroy")).isEmpty();
        f.clock.advance(Duration.ofSeconds(1));
        f.housekeeper.tick();
        JID[] rooms = f.meetings.byMain(MAIN).orElseThrow().rooms().stream().map(r -> r.room()).toArray(JID[]::new);
        assertThat(f.driver.calls("destroy")).extracting(BreakoutFixture.FakeDriver.Call::room)
                .containsExactly(new JID("standup-1@breakout.coop.test"));
        assertThat(rooms).containsExactly(new JID("standup-2@breakout.coop.test"));
    }

    @Test
    void roomsProsodyDidNotConfirmAreAskedForAgainAndAllAgainAfterTheLinkComesUp() {
        f.driver.answer = MucDriver.Result.FAILED;
        f.open(1);
        f.driver.clear();
        f.housekeeper.tick();
        assertThat(f.driver.calls("create")).as("not before the retry interval").isEmpty();
        f.clock.advance(ProsodyRooms.RETRY);
        f.driver.answer = MucDriver.Result.DONE;
        f.housekeeper.tick();
        assertThat(f.driver.calls("create")).singleElement()
                .satisfies(c -> assertThat(c.detail()).isEqualTo("Breakout room 1"));
        f.clock.advance(ProsodyRooms.RETRY);
        f.housekeeper.tick();
        assertThat(f.driver.calls("create")).as("confirmed: not asked again").hasSize(1);

        // Prosody may have restarted and lost it: after a reconnect every room is made sure of once more.
        f.prosody.linkUp();
        f.housekeeper.tick();
        assertThat(f.driver.calls("create")).hasSize(2);
    }

    @Test
    void theBookkeepingIsTheSameAfterARestartAndAnUnfinishedCloseIsFinished() {
        f.service.open(ALICE, MAIN, OpenRequest.of(Optional.of(2), List.of(), Optional.of(Duration.ofMinutes(30)), 4));
        f.service.assign(ALICE, MAIN, "carol", "2");
        f.driver.answer = MucDriver.Result.FAILED;
        f.service.close(ALICE, MAIN, Optional.of("1"));
        MeetingRecord before = f.meetings.byMain(MAIN).orElseThrow();

        BreakoutFixture restarted = new BreakoutFixture(f.config, f.store);
        assertThat(restarted.meetings.byMain(MAIN)).contains(before);
        // Alice opened the rooms: she still runs them, whatever the rules say after the restart.
        restarted.moderators.pairs.clear();
        assertThat(restarted.service.show(ALICE, MAIN).assignments()).singleElement()
                .satisfies(a -> assertThat(a.participant()).isEqualTo(CAROL.asBareJID()));
        restarted.housekeeper.tick();
        assertThat(restarted.driver.calls("destroy")).extracting(BreakoutFixture.FakeDriver.Call::room).containsExactly(before.rooms().get(0).room());
        assertThat(restarted.driver.calls("create")).extracting(BreakoutFixture.FakeDriver.Call::room).containsExactly(before.rooms().get(1).room());
        assertThat(restarted.meetings.byMain(MAIN).orElseThrow().rooms()).hasSize(1);
    }

    @Test
    void anOwnerDestroyingTheMainRoomEndsTheMeetingButItEmptyingDoesNot() {
        f.open(2);
        f.occupancy.enter(f.room(1), BOB);
        f.gate.destroyed(MAIN, true);
        assertThat(f.meetings.byMain(MAIN)).as("everyone went to breakout rooms").isPresent();

        f.driver.clear();
        f.gate.destroyed(MAIN, false);
        assertThat(f.driver.calls("destroy")).hasSize(2).allSatisfy(c -> assertThat(c.alternate()).isNull());
        assertThat(f.driver.invitations).as("there is no main room to go back to").isEmpty();
        assertThat(f.meetings.byMain(MAIN)).isEmpty();
    }

    @Test
    void renamingChecksTheNameAndTellsProsody() {
        f.open(2);
        f.driver.clear();
        f.service.rename(ALICE, MAIN, "Breakout room 2", "Budget");
        assertThat(f.driver.calls("rename")).singleElement().satisfies(c -> assertThat(c.detail()).isEqualTo("Budget"));
        assertThat(condition(() -> f.service.rename(ALICE, MAIN, "1", "budget"))).isEqualTo(ErrorCondition.BAD_REQUEST);
        assertThat(condition(() -> f.service.rename(ALICE, MAIN, "1", " "))).isEqualTo(ErrorCondition.BAD_REQUEST);
        assertThat(f.meetings.byMain(MAIN).orElseThrow().rooms()).extracting(r -> r.name())
                .containsExactly("Breakout room 1", "Budget");
    }
}
