// Caps across failures: kill -9 of the component, a Prosody restart, and joins while the component is down.
package coop.warden.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jxmpp.jid.EntityBareJid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoomRestartTest {
    /** Well under warden_muc_timeout (3 s in the stack): Prosody bounces to a missing component at once. */
    private static final Duration PROMPT = Duration.ofSeconds(2);
    /** The component reconnects after a Prosody restart with backoff (FailureTest allows as much). */
    private static final Duration RECONNECT = Duration.ofSeconds(45);
    private static final Duration SEAT_FREED = Duration.ofSeconds(10);

    private final Muc.People people = new Muc.People();
    private final List<EntityBareJid> capped = new ArrayList<>();

    @AfterEach
    void mend() throws Exception {
        Stack.ctl("start", "prosody");
        Stack.ctl("start", "warden");
        try {
            Adhoc admin = new Adhoc(loginOnceUp("admin1"));
            for (EntityBareJid room : capped) {
                admin.clearRoomCap(room);
            }
        } finally {
            people.close();
        }
    }

    /** Logs in, waiting out a component that is still reconnecting (logins go through it). */
    private XMPPTCPConnection loginOnceUp(String user) throws Exception {
        return Eventually.await(RECONNECT, () -> people.login(user), c -> true, user + " logs in");
    }

    private EntityBareJid roomWithCap(String purpose, int cap) throws Exception {
        EntityBareJid room = Muc.uniqueRoom(purpose);
        new Adhoc(loginOnceUp("admin1")).setRoomCap(room, Integer.toString(cap));
        capped.add(room);
        return room;
    }

    @Test
    void aFullRoomStaysFullAfterTheComponentIsKilledAndRestarted() throws Exception {
        EntityBareJid room = roomWithCap("kill9", 2);
        Muc.join(people.login("alice"), room, "alice");
        MultiUserChat bob = Muc.join(people.login("bob"), room, "bob");
        XMPPTCPConnection carol = people.login("carol");
        XMPPTCPConnection dave = people.login("dave");

        Stack.ctl("kill", "warden");
        Stack.ctl("start", "warden");

        // The cap came back from the store and alice and bob from Prosody's occupants (the sync).
        Muc.Outcome refused = Muc.attempt(carol, room, "carol");
        assertThat(refused.full()).as("carol after the restart: " + refused).contains(new Muc.Full(2, 2));
        assertThat(refused.error().getDescriptiveText()).isEqualTo("This meeting is full (2 of 2).");

        bob.leave();
        Muc.Outcome later = Eventually.await(SEAT_FREED, () -> Muc.attempt(carol, room, "carol"),
                o -> o.joined() || !o.isFull(), "carol gets the seat bob left");
        assertThat(later.joined()).as("carol: " + later).isTrue();
        assertThat(Muc.attempt(dave, room, "dave").full()).contains(new Muc.Full(2, 2));
    }

    @Test
    void aCapStillHoldsAfterAProsodyRestart() throws Exception {
        EntityBareJid room = roomWithCap("prosody", 2);
        Muc.join(people.login("alice"), room, "alice");
        Muc.join(people.login("bob"), room, "bob");

        Stack.ctl("restart", "prosody");

        // Everyone was disconnected. Whatever Warden held for alice and bob before the restart,
        // the sync with Prosody decides now: they come back into their seats, and no one else fits.
        XMPPTCPConnection alice = loginOnceUp("alice");
        Muc.Outcome back = Eventually.await(RECONNECT, () -> Muc.attempt(alice, room, "alice"),
                o -> !o.isNotDecidedYet(), "alice's join is decided by Warden again");
        assertThat(back.joined()).as("alice after the restart: " + back).isTrue();
        assertThat(Muc.attempt(loginOnceUp("bob"), room, "bob").joined()).as("bob after the restart").isTrue();

        Muc.Outcome refused = Muc.attempt(loginOnceUp("carol"), room, "carol");
        assertThat(refused.full()).as("carol after the restart: " + refused).contains(new Muc.Full(2, 2));
    }

    @Test
    void withTheComponentStoppedJoinsAndCreationsAreRefusedPromptlyAndWorkOnceItIsBack() throws Exception {
        EntityBareJid existing = roomWithCap("offline", 3);
        EntityBareJid fresh = Muc.uniqueRoom("offline-new");
        Muc.join(people.login("bob"), existing, "bob");
        XMPPTCPConnection alice = people.login("alice");
        XMPPTCPConnection carol = people.login("carol");
        XMPPTCPConnection dave = people.login("dave");

        Stack.ctl("stop", "warden");
        Muc.Outcome join;
        Muc.Outcome create;
        Optional<StanzaError> discoAfterRefusal;
        try {
            join = Muc.attempt(alice, existing, "alice");
            create = Muc.attempt(carol, fresh, "carol");
            discoAfterRefusal = Muc.discoInfoError(carol, fresh);
        } finally {
            Stack.ctl("start", "warden");
        }

        for (Muc.Outcome o : List.of(join, create)) {
            assertThat(o.isPolicyServiceUnavailable()).as("documented answer, got " + o).isTrue();
            assertThat(o.error().getDescriptiveText())
                    .isEqualTo("The room policy service is unavailable; try again shortly.");
            assertThat(o.took()).as("answered promptly").isLessThan(PROMPT);
        }
        // The refused creator owns no locked room: there is no room at all.
        assertThat(discoAfterRefusal).as("disco#info on the room carol could not create")
                .hasValueSatisfying(e -> assertThat(e.getCondition()).isEqualTo(StanzaError.Condition.item_not_found));

        Muc.Outcome again = Eventually.await(SEAT_FREED, () -> Muc.attempt(alice, existing, "alice"),
                o -> !o.isNotDecidedYet(), "alice's join is decided by Warden again");
        assertThat(again.joined()).as("alice once the component is back: " + again).isTrue();
        Muc.Outcome created = Muc.attempt(dave, fresh, "dave");
        assertThat(created.created()).as("dave creates the room carol could not: " + created).isTrue();
    }
}
