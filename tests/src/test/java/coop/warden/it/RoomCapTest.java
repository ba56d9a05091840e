// Room caps on the real stack: a full room refuses with the cap named, races stay exact, services take no seat.
package coop.warden.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.parts.Resourcepart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoomCapTest {
    /** A freed seat reaches Warden as a notification that may be overtaken by the next join. */
    private static final Duration SEAT_FREED = Duration.ofSeconds(10);

    private final Muc.People people = new Muc.People();
    private final List<EntityBareJid> capped = new ArrayList<>();
    private Adhoc admin;

    @BeforeEach
    void admin() throws Exception {
        admin = new Adhoc(people.login("admin1"));
    }

    @AfterEach
    void tidy() throws Exception {
        try {
            for (EntityBareJid room : capped) {
                admin.clearRoomCap(room); // keep the shared store's room list short
            }
        } finally {
            people.close();
        }
    }

    private EntityBareJid roomWithCap(String purpose, int cap) throws Exception {
        EntityBareJid room = Muc.uniqueRoom(purpose);
        admin.setRoomCap(room, Integer.toString(cap));
        capped.add(room);
        return room;
    }

    @Test
    void aThirdMemberIsRefusedFromACapTwoRoomWithTheCapNamedAndGetsInOnceSomeoneLeaves() throws Exception {
        EntityBareJid room = roomWithCap("cap2", 2);
        XMPPTCPConnection carol = people.login("carol");
        Muc.join(people.login("alice"), room, "alice");
        MultiUserChat bob = Muc.join(people.login("bob"), room, "bob");

        Muc.Outcome refused = Muc.attempt(carol, room, "carol");

        assertThat(refused.joined()).as("carol joins a full room").isFalse();
        StanzaError error = refused.error();
        assertThat(error.getType()).isEqualTo(StanzaError.Type.CANCEL);
        assertThat(error.getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
        assertThat(error.getDescriptiveText()).isEqualTo("This meeting is full (2 of 2).");
        assertThat(refused.full()).contains(new Muc.Full(2, 2));

        bob.leave();
        Muc.Outcome later = Eventually.await(SEAT_FREED, () -> Muc.attempt(carol, room, "carol"),
                o -> o.joined() || !o.isFull(), "carol gets bob's seat");
        assertThat(later.joined()).as("carol after bob left: " + later).isTrue();
    }

    @Test
    void aSeatIsFreedWhenItsHolderIsKickedAndWhenTheirSessionDrops() throws Exception {
        EntityBareJid room = roomWithCap("freed", 2);
        MultiUserChat alice = Muc.join(people.login("alice"), room, "alice"); // first in: she moderates
        Muc.join(people.login("bob"), room, "bob");
        XMPPTCPConnection carol = people.login("carol");
        assertThat(Muc.attempt(carol, room, "carol").isFull()).as("carol, before anyone goes").isTrue();

        alice.kickParticipant(Resourcepart.from("bob"), "making room");
        Muc.Outcome afterKick = Eventually.await(SEAT_FREED, () -> Muc.attempt(carol, room, "carol"),
                o -> o.joined() || !o.isFull(), "carol gets the seat of bob, who was kicked");
        assertThat(afterKick.joined()).as("carol after bob was kicked: " + afterKick).isTrue();

        // Carol's connection dies without a goodbye (no unavailable presence, no </stream>).
        XMPPTCPConnection dave = people.login("dave");
        assertThat(Muc.attempt(dave, room, "dave").isFull()).as("dave, while carol holds the seat").isTrue();
        carol.instantShutdown();
        Muc.Outcome afterDrop = Eventually.await(SEAT_FREED, () -> Muc.attempt(dave, room, "dave"),
                o -> o.joined() || !o.isFull(), "dave gets the seat of carol, whose session dropped");
        assertThat(afterDrop.joined()).as("dave after carol's session dropped: " + afterDrop).isTrue();
    }

    @Test
    void anExemptServiceAccountEntersAFullRoomWithoutTakingASeat() throws Exception {
        EntityBareJid room = roomWithCap("exempt", 2);
        XMPPTCPConnection carol = people.login("carol");
        Muc.join(people.login("alice"), room, "alice");
        MultiUserChat bob = Muc.join(people.login("bob"), room, "bob");

        Muc.Outcome focus = Muc.attempt(people.login("focus"), room, "focus");
        assertThat(focus.joined()).as("focus@coop.test (warden.muc.exempt) joins a full room: " + focus).isTrue();
        Muc.Outcome refused = Muc.attempt(carol, room, "carol");
        assertThat(refused.full()).as("carol: " + refused).contains(new Muc.Full(2, 2));

        bob.leave();
        Muc.Outcome later = Eventually.await(SEAT_FREED, () -> Muc.attempt(carol, room, "carol"),
                o -> o.joined() || !o.isFull(), "carol gets the seat bob left, focus being no person");
        assertThat(later.joined()).as("carol: " + later).isTrue();
        assertThat(Muc.attempt(people.login("dave"), room, "dave").full()).contains(new Muc.Full(2, 2));
    }

    @Test
    void aCreatorWhoMayNotEnterLeavesNoLockedRoomBehind() throws Exception {
        EntityBareJid room = roomWithCap("cap0", 0);
        XMPPTCPConnection alice = people.login("alice");

        Muc.Outcome refused = Muc.attempt(alice, room, "alice");
        assertThat(refused.full()).as("alice creates a room with cap 0: " + refused).contains(new Muc.Full(0, 0));
        assertThat(Muc.discoInfoError(alice, room)).as("disco#info on the room alice could not create")
                .hasValueSatisfying(e -> assertThat(e.getCondition()).isEqualTo(StanzaError.Condition.item_not_found));

        admin.setRoomCap(room, "1");
        Muc.Outcome created = Muc.attempt(people.login("bob"), room, "bob");
        assertThat(created.created()).as("bob creates (and so owns) the room alice could not: " + created).isTrue();
    }

    @Test
    void tenMembersJoiningACapThreeRoomAtOnceLetExactlyThreeIn() throws Exception {
        int joiners = 10;
        List<XMPPTCPConnection> members = new ArrayList<>();
        for (int i = 1; i <= joiners; i++) {
            members.add(people.login(String.format("user%03d", 180 + i)));
        }
        XMPPTCPConnection focus = people.login("focus");
        ExecutorService pool = Executors.newFixedThreadPool(joiners);
        try {
            for (int round = 1; round <= 5; round++) {
                EntityBareJid room = roomWithCap("race" + round, 3);
                // The focus opens the room first (uncounted), so the ten race for seats, not for creation.
                MultiUserChat host = Muc.join(focus, room, "focus");
                CyclicBarrier gate = new CyclicBarrier(joiners);
                List<Future<Muc.Outcome>> attempts = new ArrayList<>();
                for (int i = 0; i < joiners; i++) {
                    XMPPTCPConnection member = members.get(i);
                    String nick = "m" + i;
                    attempts.add(pool.submit(() -> {
                        gate.await(10, TimeUnit.SECONDS);
                        return Muc.attempt(member, room, nick);
                    }));
                }
                List<Muc.Outcome> outcomes = new ArrayList<>();
                for (Future<Muc.Outcome> f : attempts) {
                    outcomes.add(f.get(30, TimeUnit.SECONDS));
                }

                assertThat(outcomes.stream().filter(Muc.Outcome::joined)).as("round %d: %s", round, outcomes).hasSize(3);
                assertThat(outcomes.stream().filter(o -> !o.joined()))
                        .allSatisfy(o -> assertThat(o.full()).as(o.toString()).contains(new Muc.Full(3, 3)));
                Eventually.await(Duration.ofSeconds(5), host::getOccupantsCount, n -> n == 4,
                        "the focus sees itself and exactly three members");
                for (Muc.Outcome o : outcomes) {
                    if (o.joined()) {
                        o.room().leave();
                    }
                }
                host.leave();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
