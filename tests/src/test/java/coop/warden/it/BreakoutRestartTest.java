// Breakout bookkeeping across failures: kill -9 of the component, and a Prosody restart.
package coop.warden.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jxmpp.jid.EntityBareJid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 5: "the bookkeeping is right after kill -9 of the component and after a Prosody restart". */
class BreakoutRestartTest {
    /** The component reconnects after a Prosody restart with backoff (FailureTest allows as much). */
    private static final Duration RECONNECT = Duration.ofSeconds(45);
    private static final Duration SOON = Duration.ofSeconds(10);

    private final Muc.People people = new Muc.People();
    private EntityBareJid main;

    @AfterEach
    void mend() throws Exception {
        Stack.ctl("start", "prosody");
        Stack.ctl("start", "warden");
        try {
            if (main != null) {
                Breakout.close(loginOnceUp("admin1"), main, null);
            }
        } catch (XMPPErrorException gone) {
            // closed by the test
        } finally {
            people.close();
        }
    }

    /** Logs in, waiting out a component that is still reconnecting (logins go through it). */
    private XMPPTCPConnection loginOnceUp(String user) throws Exception {
        return Eventually.await(RECONNECT, () -> people.login(user), c -> true, user + " logs in");
    }

    @Test
    void afterKill9OfTheComponentRoomsAssignmentsDeadlineAndPresenceAreAsBefore() throws Exception {
        main = Muc.uniqueRoom("bo-kill9");
        XMPPTCPConnection alice = people.login("alice");
        XMPPTCPConnection bob = people.login("bob");
        XMPPTCPConnection carol = people.login("carol");
        Muc.join(alice, main, "alice");
        Muc.join(bob, main, "bob");
        Muc.join(carol, main, "carol");
        Breakout.Status opened = Breakout.open(alice, main, 2, 600);
        Breakout.assign(alice, main, "bob", "1");
        Breakout.assign(alice, main, "carol", "2");
        Muc.join(bob, opened.room(1).bareJid(), "bob");
        Breakout.Status before = Eventually.await(SOON, () -> Breakout.status(alice, main),
                s -> s.room(1).present().contains("bob@coop.test"), "bob is in room 1");

        Stack.ctl("kill", "warden");
        Stack.ctl("start", "warden");

        Breakout.Status after = Eventually.await(RECONNECT, () -> Breakout.status(alice, main),
                s -> s.room(1).present().contains("bob@coop.test"), "bob is present again once the sync is in");
        assertThat(after.rooms()).isEqualTo(before.rooms());
        assertThat(after.assignments()).isEqualTo(before.assignments());
        assertThat(after.assignedPresent()).containsEntry("bob@coop.test", true).containsEntry("carol@coop.test", false);
        assertThat(after.deadline()).isEqualTo(before.deadline());

        // The restored bookkeeping still decides: a stranger stays out, the assigned participant gets in.
        Muc.Outcome dave = Muc.attempt(people.login("dave"), opened.room(2).bareJid(), "dave");
        assertThat(dave.joined()).as("dave: " + dave).isFalse();
        assertThat(Muc.attempt(carol, opened.room(2).bareJid(), "carol").joined()).isTrue();
        Eventually.await(SOON, () -> Breakout.status(alice, main), s -> s.assignedPresent().get("carol@coop.test"),
                "carol shows as present");
    }

    @Test
    void afterAProsodyRestartTheRoomsAreThereWithTheirNamesAndAssignmentsAreKept() throws Exception {
        main = Muc.uniqueRoom("bo-prosody");
        XMPPTCPConnection alice = people.login("alice");
        XMPPTCPConnection bob = people.login("bob");
        Muc.join(alice, main, "alice");
        Muc.join(bob, main, "bob");
        Breakout.Status opened = Breakout.openNamed(alice, main, List.of("Design", "Ops"));
        Breakout.assign(alice, main, "bob", "Design");
        Muc.join(bob, opened.room(1).bareJid(), "bob");

        Stack.ctl("restart", "prosody");

        // Everyone was disconnected. The meeting, its rooms and the assignment are Warden's to keep.
        XMPPTCPConnection alice2 = loginOnceUp("alice");
        Breakout.Status after = Eventually.await(RECONNECT, () -> Breakout.status(alice2, main), s -> true,
                "the meeting's status answers again");
        assertThat(after.breakoutRooms()).extracting(Breakout.Room::jid)
                .containsExactlyElementsOf(opened.breakoutRooms().stream().map(Breakout.Room::jid).toList());
        assertThat(after.assignments()).containsEntry("bob@coop.test", opened.room(1).jid());
        // Prosody has the rooms again, with the names people gave them.
        for (Breakout.Room r : opened.breakoutRooms()) {
            String name = Eventually.await(SOON, () -> ServiceDiscoveryManager.getInstanceFor(alice2)
                    .discoverInfo(r.bareJid()).getIdentities().get(0).getName(), n -> true, r.jid() + " exists");
            assertThat(name).isEqualTo(r.name());
        }

        XMPPTCPConnection bob2 = loginOnceUp("bob");
        Muc.Outcome back = Eventually.await(SOON, () -> Muc.attempt(bob2, opened.room(1).bareJid(), "bob"),
                o -> o.joined() || o.error().getCondition() != StanzaError.Condition.service_unavailable,
                "bob's join is decided by Warden again");
        assertThat(back.joined()).as("bob back in Design: " + back).isTrue();
        Eventually.await(SOON, () -> Breakout.status(alice2, main), s -> s.assignedPresent().get("bob@coop.test"),
                "bob shows as present in Design");
    }
}
