// Breakout rooms on the real stack: opening, assigning with invitations, who may enter, meeting-wide caps, closing.
package coop.warden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 5 ("Breakout rooms"): each test runs its own meeting, named by a fresh main room. */
class BreakoutTest {
    private static final Duration SOON = Duration.ofSeconds(10);

    private final Muc.People people = new Muc.People();
    private final List<EntityBareJid> meetings = new ArrayList<>();
    private final List<EntityBareJid> capped = new ArrayList<>();

    @AfterEach
    void tidy() throws Exception {
        try {
            XMPPTCPConnection admin = people.login("admin1");
            for (EntityBareJid m : meetings) {
                try {
                    Breakout.close(admin, m, null);
                } catch (XMPPErrorException gone) {
                    // the test closed them already
                }
            }
            Adhoc adhoc = new Adhoc(admin);
            for (EntityBareJid room : capped) {
                adhoc.clearRoomCap(room);
            }
        } finally {
            people.close();
        }
    }

    private EntityBareJid meeting(String purpose) {
        EntityBareJid main = Muc.uniqueRoom("bo-" + purpose);
        meetings.add(main);
        return main;
    }

    private static EntityBareJid jid(String room) {
        return JidCreate.entityBareFromOrThrowUnchecked(room);
    }

    @Test
    void aModeratorOpensThreeRoomsAssignsTwoPeopleWhoAreInvitedJoinAndShowAsPresent() throws Exception {
        EntityBareJid main = meeting("assign");
        XMPPTCPConnection alice = people.login("alice");
        XMPPTCPConnection bob = people.login("bob");
        XMPPTCPConnection carol = people.login("carol");
        Muc.join(alice, main, "alice");
        Muc.join(bob, main, "bob");
        Muc.join(carol, main, "carol");

        // From an XMPP client: the ad-hoc command.
        Adhoc.Result opened = new Adhoc(alice).run("warden#breakout-open", Map.of("meeting", main.toString(), "count", "3"));
        assertThat(opened.note()).contains(main + ": 3 breakout rooms.");
        Breakout.Status status = Breakout.status(alice, main);
        assertThat(status.breakoutRooms()).extracting(Breakout.Room::name)
                .containsExactly("Breakout room 1", "Breakout room 2", "Breakout room 3");
        assertThat(status.breakoutRooms()).allSatisfy(r -> assertThat(r.jid()).endsWith("@" + Breakout.HOST));

        // From a web client: the IQs. Bob by his nick in the meeting and the room by its JID; carol by JID, room by number.
        try (Breakout.Invitations bobInvited = new Breakout.Invitations(bob);
             Breakout.Invitations carolInvited = new Breakout.Invitations(carol)) {
            Breakout.assign(alice, main, "bob", status.room(1).jid());
            Breakout.assign(alice, main, "carol@coop.test", "2");
            assertThat(bobInvited.next(SOON)).isEqualTo(status.room(1).jid());
            assertThat(carolInvited.next(SOON)).isEqualTo(status.room(2).jid());
        }
        Breakout.Status assigned = Breakout.status(alice, main);
        assertThat(assigned.assignments()).containsEntry("bob@coop.test", status.room(1).jid())
                .containsEntry("carol@coop.test", status.room(2).jid());
        assertThat(assigned.assignedPresent()).containsEntry("bob@coop.test", false);

        Muc.join(bob, status.room(1).bareJid(), "bob");
        Muc.join(carol, status.room(2).bareJid(), "carol");
        Breakout.Status present = Eventually.await(SOON, () -> Breakout.status(alice, main),
                s -> s.room(1).present().contains("bob@coop.test") && s.room(2).present().contains("carol@coop.test"),
                "bob and carol show as present in their rooms");
        assertThat(present.assignedPresent()).containsEntry("bob@coop.test", true).containsEntry("carol@coop.test", true);
        assertThat(present.room(3).present()).isEmpty();

        Adhoc.Result shown = new Adhoc(alice).run("warden#breakout-status", Map.of("meeting", main.toString()));
        assertThat(shown.note()).contains("bob@coop.test → Breakout room 1 (there)")
                .contains("carol@coop.test → Breakout room 2 (there)");
    }

    @Test
    void aStrangerIsRefusedFromABreakoutRoomAndNonModeratorsAndBadRequestsChangeNothing() throws Exception {
        EntityBareJid main = meeting("stranger");
        XMPPTCPConnection alice = people.login("alice");
        Muc.join(alice, main, "alice");
        Breakout.Status status = Breakout.openNamed(alice, main, List.of("Design", "Ops"));
        EntityBareJid design = status.room(1).bareJid();

        XMPPTCPConnection dave = people.login("dave");
        Muc.Outcome refused = Muc.attempt(dave, design, "dave");
        assertThat(refused.joined()).as("dave: " + refused).isFalse();
        assertThat(refused.error().getCondition()).isEqualTo(StanzaError.Condition.not_allowed);
        assertThat(refused.error().getDescriptiveText())
                .isEqualTo("This breakout room is only for participants of " + main + ".");

        // Dave moderates nothing here: he is not in the meeting.
        XMPPErrorException forbidden = catchThrowableOfType(() -> Breakout.close(dave, main, null),
                XMPPErrorException.class);
        assertThat(forbidden.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden);
        XMPPErrorException viaCommand = catchThrowableOfType(() -> new Adhoc(dave).run("warden#breakout-status",
                Map.of("meeting", main.toString())), XMPPErrorException.class);
        assertThat(viaCommand.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden);

        // A room nobody opened for a meeting cannot be created on the breakout host.
        EntityBareJid stray = jid("it-bo-stray-" + System.nanoTime() + "@" + Breakout.HOST);
        Muc.Outcome strayJoin = Muc.attempt(alice, stray, "alice");
        assertThat(strayJoin.joined()).isFalse();
        assertThat(strayJoin.error().getDescriptiveText()).contains(stray + " is not open");
        assertThat(Muc.discoInfoError(alice, stray)).hasValueSatisfying(
                e -> assertThat(e.getCondition()).isEqualTo(StanzaError.Condition.item_not_found));

        // Bad input: a clear error, and nothing changes.
        XMPPErrorException tooMany = catchThrowableOfType(() -> Breakout.open(alice, main, 19, null),
                XMPPErrorException.class);
        assertThat(tooMany.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);
        assertThat(tooMany.getStanzaError().getDescriptiveText()).contains("at most 20").contains("has 2 open");
        XMPPErrorException noRoom = catchThrowableOfType(() -> Breakout.rename(alice, main, "Kitchen", "Lab"),
                XMPPErrorException.class);
        assertThat(noRoom.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.item_not_found);
        XMPPErrorException noMeeting = catchThrowableOfType(
                () -> Breakout.status(people.login("admin1"), Muc.uniqueRoom("bo-none")), XMPPErrorException.class);
        assertThat(noMeeting.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.item_not_found);
        assertThat(Breakout.status(alice, main).breakoutRooms()).extracting(Breakout.Room::name)
                .containsExactly("Design", "Ops");
    }

    /** The demo stack's warden.breakout.move-grace (stack/warden.conf.in); the reference default is 1 minute. */
    private static final Duration MOVE_GRACE = Duration.ofSeconds(5);

    @Test
    void someoneWhoLeftTheMeetingIsLetInWhileMovingButNotOnceTheMoveGraceIsOver() throws Exception {
        EntityBareJid main = meeting("left");
        XMPPTCPConnection alice = people.login("alice");
        XMPPTCPConnection bob = people.login("bob");
        Muc.join(alice, main, "alice");
        MultiUserChat bobInMain = Muc.join(bob, main, "bob");
        EntityBareJid room = Breakout.open(alice, main, 1, null).room(1).bareJid();

        bobInMain.leave();
        Muc.Outcome moving = Muc.attempt(bob, room, "bob");
        assertThat(moving.joined()).as("bob, moving from the main room: " + moving).isTrue();
        moving.room().leave();

        // Waiting out the configured grace, not a race. Polling instead would not do: each attempt that got in
        // would make bob a fresh member of the meeting and start the grace again.
        Thread.sleep(MOVE_GRACE.plusSeconds(2).toMillis());
        Muc.Outcome late = Muc.attempt(bob, room, "bob");
        assertThat(late.joined()).as("bob, out of the meeting for longer than the grace: " + late).isFalse();
        assertThat(late.error().getCondition()).isEqualTo(StanzaError.Condition.not_allowed);
        assertThat(late.error().getDescriptiveText())
                .isEqualTo("This breakout room is only for participants of " + main + ".");

        Muc.join(bob, main, "bob");
        assertThat(Muc.attempt(bob, room, "bob").joined()).as("bob, back through the main room").isTrue();
    }

    @Test
    void withMeetingWideCapsJoinsToBreakoutRoomsCountTowardTheMainRoomsCap() throws Exception {
        EntityBareJid main = meeting("cap");
        new Adhoc(people.login("admin1")).setRoomCap(main, "3");
        capped.add(main);
        XMPPTCPConnection alice = people.login("alice");
        XMPPTCPConnection bob = people.login("bob");
        XMPPTCPConnection carol = people.login("carol");
        Muc.join(alice, main, "alice");
        MultiUserChat bobInMain = Muc.join(bob, main, "bob");
        Muc.join(carol, main, "carol");
        EntityBareJid room = Breakout.open(alice, main, 1, null).room(1).bareJid();

        // Bob moves the way a Jitsi client does: leaves the main room, then enters the breakout room.
        bobInMain.leave();
        assertThat(Muc.attempt(bob, room, "bob").joined()).as("bob takes his seat back in the breakout room").isTrue();
        // Carol goes in too without leaving: one session in two rooms of the meeting counts once.
        assertThat(Muc.attempt(carol, room, "carol").joined()).as("carol, already counted").isTrue();

        // The main room itself has 2 occupants, but the meeting has 3 people: dave does not fit.
        Muc.Outcome dave = Muc.attempt(people.login("dave"), main, "dave");
        assertThat(dave.full()).as("dave: " + dave).contains(new Muc.Full(3, 3));
        assertThat(dave.error().getDescriptiveText()).isEqualTo("This meeting is full (3 of 3).");
    }

    @Test
    void withMeetingWideCapsAJoinToABreakoutRoomIsRefusedWhenTheMeetingIsFull() throws Exception {
        EntityBareJid main = meeting("capbo");
        new Adhoc(people.login("admin1")).setRoomCap(main, "2");
        capped.add(main);
        XMPPTCPConnection alice = people.login("alice");
        XMPPTCPConnection bob = people.login("bob");
        Muc.join(alice, main, "alice");
        MultiUserChat bobInMain = Muc.join(bob, main, "bob");
        EntityBareJid room = Breakout.open(alice, main, 1, null).room(1).bareJid();

        // Bob steps out of the meeting altogether, and carol takes the free seat.
        bobInMain.leave();
        Muc.join(people.login("carol"), main, "carol");

        // Bob was in the meeting, so the breakout room would let him in, but the meeting has no seat left.
        Muc.Outcome back = Muc.attempt(bob, room, "bob");
        assertThat(back.joined()).as("bob: " + back).isFalse();
        assertThat(back.full()).as("bob: " + back).contains(new Muc.Full(2, 2));
        assertThat(back.error().getDescriptiveText()).isEqualTo("This meeting is full (2 of 2).");
        assertThat(Breakout.status(alice, main).room(1).present()).as("nobody in the breakout room").isEmpty();
    }

    @Test
    void closingAllRoomsInvitesEveryoneBackToTheMainRoomAndDestroysThem() throws Exception {
        EntityBareJid main = meeting("close");
        XMPPTCPConnection alice = people.login("alice");
        XMPPTCPConnection bob = people.login("bob");
        XMPPTCPConnection carol = people.login("carol");
        Muc.join(alice, main, "alice");
        Muc.join(bob, main, "bob");
        Muc.join(carol, main, "carol");
        Breakout.Status status = Breakout.open(alice, main, 2, null);
        MultiUserChat bobIn = Muc.join(bob, status.room(1).bareJid(), "bob");
        Muc.join(carol, status.room(2).bareJid(), "carol");
        Eventually.await(SOON, () -> Breakout.status(alice, main), s -> !s.room(2).present().isEmpty(), "carol is in");

        try (Breakout.Invitations bobInvited = new Breakout.Invitations(bob);
             Breakout.Invitations carolInvited = new Breakout.Invitations(carol)) {
            Adhoc.Result closed = new Adhoc(alice).run("warden#breakout-close", Map.of("meeting", main.toString()));
            assertThat(closed.note()).contains(main.toString());
            assertThat(bobInvited.next(SOON)).isEqualTo(main.toString());
            assertThat(carolInvited.next(SOON)).isEqualTo(main.toString());
        }
        for (Breakout.Room r : status.breakoutRooms()) {
            Eventually.await(SOON, () -> Muc.discoInfoError(alice, r.bareJid()),
                    e -> e.isPresent() && e.get().getCondition() == StanzaError.Condition.item_not_found,
                    r.jid() + " is destroyed");
        }
        Eventually.await(SOON, bobIn::isJoined, joined -> !joined, "bob was told his breakout room is gone");
        Eventually.await(SOON, () -> Breakout.status(alice, main), s -> s.breakoutRooms().isEmpty(),
                "the meeting has no breakout rooms left");
    }

    @Test
    void aDurationClosesAllRoomsOnTime() throws Exception {
        EntityBareJid main = meeting("duration");
        XMPPTCPConnection alice = people.login("alice");
        XMPPTCPConnection bob = people.login("bob");
        Muc.join(alice, main, "alice");
        Muc.join(bob, main, "bob");
        try (Breakout.Invitations bobInvited = new Breakout.Invitations(bob)) {
            long t0 = System.nanoTime();
            Breakout.Status status = Breakout.open(alice, main, 2, 5);
            assertThat(status.deadline()).isPresent();
            Muc.join(bob, status.room(1).bareJid(), "bob");

            String back = bobInvited.next(Duration.ofSeconds(20));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertThat(back).as("bob is invited back to the main room").isEqualTo(main.toString());
            assertThat(took).as("closed at the 5 s deadline").isBetween(Duration.ofMillis(4500), Duration.ofSeconds(9));
            for (Breakout.Room r : status.breakoutRooms()) {
                Eventually.await(SOON, () -> Muc.discoInfoError(alice, r.bareJid()), e -> e.isPresent(),
                        r.jid() + " is destroyed");
            }
        }
    }

    @Test
    void destroyingTheMainRoomDestroysItsBreakoutRooms() throws Exception {
        EntityBareJid main = meeting("end");
        XMPPTCPConnection alice = people.login("alice");
        XMPPTCPConnection bob = people.login("bob");
        MultiUserChat aliceIn = Muc.join(alice, main, "alice");
        Muc.join(bob, main, "bob");
        Breakout.Status status = Breakout.open(alice, main, 2, null);
        MultiUserChat bobIn = Muc.join(bob, status.room(1).bareJid(), "bob");

        aliceIn.destroy("The meeting is over.", null);

        for (Breakout.Room r : status.breakoutRooms()) {
            Eventually.await(SOON, () -> Muc.discoInfoError(bob, r.bareJid()),
                    e -> e.isPresent() && e.get().getCondition() == StanzaError.Condition.item_not_found,
                    r.jid() + " is destroyed with its meeting");
        }
        Eventually.await(SOON, bobIn::isJoined, joined -> !joined, "bob was told the breakout room is gone");
        XMPPErrorException gone = catchThrowableOfType(() -> Breakout.status(people.login("admin1"), main),
                XMPPErrorException.class);
        assertThat(gone.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.item_not_found);
    }
}
