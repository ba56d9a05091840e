// Moderator rules on the real stack: the roles and affiliations other occupants see, guests, hand-over, restart.
package coop.warden.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.Occupant;
import org.jivesoftware.smackx.muc.ParticipantStatusListener;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What occupants see (XEP-0045 presence items) under each rule set. Members are coop.test accounts;
 * guests log in anonymously to guest.coop.test. The stack's owner grace is 5 seconds
 * (stack/warden.conf.in); the reference default is 60.
 */
class ModeratorRulesTest {
    private static final String GUEST_DOMAIN = "guest." + Stack.DOMAIN;
    /** The stack's warden.rules.owner-grace plus the time for the hand-over to reach the clients. */
    private static final Duration PAST_GRACE = Duration.ofSeconds(20);
    private static final Duration SEEN = Duration.ofSeconds(10);
    private static final Duration RESTART = Duration.ofSeconds(45);

    private final Muc.People people = new Muc.People();
    private final List<XMPPTCPConnection> guests = new ArrayList<>();
    private final List<XMPPTCPConnection> own = new ArrayList<>();
    private final List<EntityBareJid> ruled = new ArrayList<>();
    private Adhoc admin;

    @BeforeEach
    void loginAdmin() throws Exception {
        admin = new Adhoc(people.login("admin1"));
    }

    @AfterEach
    void tidy() throws Exception {
        try {
            Adhoc a = adminClient();
            for (EntityBareJid room : ruled) { // keep the shared store's rule tables short
                a.run("warden#set-room-rules", Map.of("room", room.toString(), "rules", "default"));
                a.run("warden#set-room-moderators", Map.of("room", room.toString()));
            }
        } finally {
            guests.forEach(XMPPTCPConnection::disconnect);
            own.forEach(XMPPTCPConnection::disconnect);
            people.close();
        }
    }

    private EntityBareJid roomWithRules(String purpose, String rules) throws Exception {
        EntityBareJid room = Muc.uniqueRoom(purpose);
        ruled.add(room);
        admin.run("warden#set-room-rules", Map.of("room", room.toString(), "rules", rules));
        return room;
    }

    private void listModerators(EntityBareJid room, String moderators) throws Exception {
        admin.run("warden#set-room-moderators", Map.of("room", room.toString(), "moderators", moderators));
    }

    /** A member's client the test may disconnect on its own (a dropped connection, as in a reconnect). */
    private XMPPTCPConnection client(String user) throws Exception {
        XMPPTCPConnection c = Clients.login(user);
        own.add(c);
        return c;
    }

    /** A member's client, logged in once Warden answers again (logins go through it). */
    private XMPPTCPConnection member(String user) throws Exception {
        return Eventually.await(RESTART, () -> people.login(user), c -> true, user + " logs in");
    }

    /** An admin's client, logged in once Warden answers again. */
    private Adhoc adminClient() throws Exception {
        return new Adhoc(member("admin1"));
    }

    /** A guest's client: SASL ANONYMOUS over STARTTLS on the guest host. */
    private XMPPTCPConnection guest() throws Exception {
        XMPPTCPConnection c = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(GUEST_DOMAIN)
                .setHostAddress(InetAddress.getByName(Stack.HOST))
                .setPort(Stack.C2S_PORT)
                .performSaslAnonymousAuthentication()
                .setSecurityMode(ConnectionConfiguration.SecurityMode.required)
                .setCustomX509TrustManager(Clients.trust())
                .setHostnameVerifier((host, session) -> true)
                .setSendPresence(false)
                .setConnectTimeout(10_000)
                .build());
        c.setReplyTimeout(15_000);
        c.connect().login();
        guests.add(c);
        return c;
    }

    /** "owner/moderator": what {@code viewer}'s client shows for the occupant with {@code nick}. */
    private static String seen(MultiUserChat viewer, String nick) throws Exception {
        Occupant o = viewer.getOccupant(JidCreate.entityFullFrom(viewer.getRoom() + "/" + nick));
        return o == null ? "(not in the room)" : o.getAffiliation() + "/" + o.getRole();
    }

    private static void eventuallySeen(MultiUserChat viewer, String nick, String expected) throws Exception {
        Eventually.await(SEEN, () -> seen(viewer, nick), expected::equals, nick + " seen as " + expected);
    }

    /** Every nick whose ownership or moderator role {@code viewer} sees granted from now on. */
    private static List<String> promotions(MultiUserChat viewer) {
        List<String> granted = new CopyOnWriteArrayList<>();
        viewer.addParticipantStatusListener(new ParticipantStatusListener() {
            @Override
            public void ownershipGranted(EntityFullJid participant) {
                granted.add(participant.getResourcepart() + " owner");
            }

            @Override
            public void moderatorGranted(EntityFullJid participant) {
                granted.add(participant.getResourcepart() + " moderator");
            }
        });
        return granted;
    }

    @Test
    void membersModerateMakesEveryMemberAModeratingOwnerAndGuestsParticipants() throws Exception {
        EntityBareJid room = roomWithRules("mm", "members-moderate");
        MultiUserChat alice = Muc.join(people.login("alice"), room, "alice");
        MultiUserChat bob = Muc.join(people.login("bob"), room, "bob");
        MultiUserChat guest = Muc.join(guest(), room, "guest");

        eventuallySeen(bob, "alice", "owner/moderator");
        eventuallySeen(alice, "bob", "owner/moderator");
        eventuallySeen(alice, "guest", "none/participant");
        eventuallySeen(guest, "bob", "owner/moderator");
    }

    @Test
    void aListedRoomIsModeratedByItsListedMembersOnlyAndAListChangeAppliesAtOnce() throws Exception {
        EntityBareJid room = roomWithRules("listed", "listed");
        listModerators(room, "bob@coop.test");
        XMPPTCPConnection aliceClient = people.login("alice");

        Muc.Outcome opening = Muc.attempt(aliceClient, room, "alice");
        assertThat(opening.joined()).as("alice, not listed, opens the room: " + opening).isFalse();
        assertThat(opening.error().getType()).isEqualTo(StanzaError.Type.CANCEL);
        assertThat(opening.error().getCondition()).isEqualTo(StanzaError.Condition.not_allowed);
        assertThat(opening.error().getDescriptiveText())
                .isEqualTo("Only this meeting's moderators can open it. Join once one of them has opened it.");

        MultiUserChat bob = Muc.join(people.login("bob"), room, "bob");
        MultiUserChat alice = Muc.join(aliceClient, room, "alice");
        MultiUserChat guest = Muc.join(guest(), room, "guest");
        eventuallySeen(alice, "bob", "owner/moderator");
        eventuallySeen(bob, "alice", "member/participant");
        eventuallySeen(bob, "guest", "none/participant");

        listModerators(room, "alice@coop.test");
        eventuallySeen(guest, "alice", "owner/moderator");
        eventuallySeen(guest, "bob", "member/participant");
    }

    @Test
    void anAdminModeratesEvenWhereTheListLeavesThemOut() throws Exception {
        EntityBareJid room = roomWithRules("admin", "listed");
        listModerators(room, "bob@coop.test");
        MultiUserChat bob = Muc.join(people.login("bob"), room, "bob");
        MultiUserChat alice = Muc.join(people.login("alice"), room, "alice");
        Muc.join(member("admin1"), room, "admin1"); // a second session of admin1, as any admin's client

        eventuallySeen(bob, "admin1", "owner/moderator");
        eventuallySeen(alice, "admin1", "owner/moderator");
        eventuallySeen(bob, "alice", "member/participant");
    }

    @Test
    void firstMemberOwnsSurvivesAReconnectAndPassesToTheNextMemberNeverToAGuest() throws Exception {
        EntityBareJid room = roomWithRules("fmo", "first-member-owns");
        XMPPTCPConnection alice1 = client("alice");
        Muc.join(alice1, room, "alice");
        MultiUserChat guest = Muc.join(guest(), room, "guest"); // in before bob, and still never the owner
        MultiUserChat bob = Muc.join(people.login("bob"), room, "bob");
        List<String> seenByGuest = promotions(guest);
        List<String> seenByBob = promotions(bob);
        eventuallySeen(guest, "alice", "owner/moderator");
        eventuallySeen(guest, "bob", "member/participant");

        alice1.disconnect();
        eventuallySeen(bob, "alice", "(not in the room)");
        XMPPTCPConnection alice2 = client("alice");
        Muc.join(alice2, room, "alice");
        eventuallySeen(bob, "alice", "owner/moderator");
        assertThat(admin.run("warden#show-room-rules", Map.of("room", room.toString())).field("owner"))
                .as("back within the grace: alice owns the room, no hand-over pending").isEqualTo("alice@coop.test");

        alice2.disconnect();
        Eventually.await(PAST_GRACE, () -> seen(guest, "bob"), "owner/moderator"::equals,
                "bob, seen by the guest, once alice has been gone longer than the grace");
        assertThat(seen(bob, "guest")).isEqualTo("none/participant");
        assertThat(seenByGuest).as("promotions the guest saw").containsExactlyInAnyOrder("bob owner", "bob moderator");
        assertThat(seenByBob).as("promotions bob saw").isEmpty();
    }

    @Test
    void aRoomLeftToGuestsHasNoOwnerUntilAMemberComes() throws Exception {
        EntityBareJid room = roomWithRules("guests", "first-member-owns");
        XMPPTCPConnection alice = client("alice");
        Muc.join(alice, room, "alice");
        Muc.join(guest(), room, "g1");
        MultiUserChat g2 = Muc.join(guest(), room, "g2");
        List<String> promoted = promotions(g2);

        alice.disconnect();
        Eventually.await(PAST_GRACE, () -> admin.run("warden#show-room-rules", Map.of("room", room.toString()))
                .field("owner"), String::isEmpty, "alice's ownership lapses with nobody to take it");
        assertThat(seen(g2, "g1")).isEqualTo("none/participant");

        Muc.join(people.login("carol"), room, "carol");
        eventuallySeen(g2, "carol", "owner/moderator");
        assertThat(promoted).as("promotions g2 saw").doesNotContain("g1 owner", "g1 moderator", "g2 owner");
    }

    @Test
    void aGuestCannotOpenARoomAndWaitsForAMember() throws Exception {
        EntityBareJid room = Muc.uniqueRoom("guest");
        XMPPTCPConnection guest = guest();

        Muc.Outcome opening = Muc.attempt(guest, room, "guest");
        assertThat(opening.joined()).as("a guest opens a room: " + opening).isFalse();
        assertThat(opening.error().getType()).isEqualTo(StanzaError.Type.CANCEL);
        assertThat(opening.error().getCondition()).isEqualTo(StanzaError.Condition.not_allowed);
        assertThat(opening.error().getDescriptiveText())
                .isEqualTo("Only members of the co-op can open a meeting. Ask a member to open it, then join.");

        Muc.join(people.login("focus"), room, "focus"); // Jitsi's focus opens rooms: a service, not a member
        Muc.Outcome waiting = Muc.attempt(guest, room, "guest");
        assertThat(waiting.joined()).as("a guest with no member in the room: " + waiting).isFalse();
        assertThat(waiting.error().getType()).isEqualTo(StanzaError.Type.WAIT);
        assertThat(waiting.error().getCondition()).isEqualTo(StanzaError.Condition.not_allowed);
        assertThat(waiting.error().getDescriptiveText())
                .isEqualTo("Waiting for a member of the co-op to join this meeting; try again shortly.");

        MultiUserChat dave = Muc.join(people.login("dave"), room, "dave");
        Muc.Outcome entering = Muc.attempt(guest, room, "guest");
        assertThat(entering.joined()).as("the guest once dave is in: " + entering).isTrue();
        eventuallySeen(dave, "guest", "none/participant");
    }

    @Test
    void rulesAndOwnershipSurviveAComponentRestart() throws Exception {
        EntityBareJid listed = roomWithRules("restart-listed", "listed");
        listModerators(listed, "bob@coop.test");
        EntityBareJid owned = roomWithRules("restart-owned", "first-member-owns");
        MultiUserChat erin = Muc.join(people.login("erin"), owned, "erin");
        MultiUserChat dave = Muc.join(people.login("dave"), owned, "dave");
        eventuallySeen(dave, "erin", "owner/moderator");

        Stack.ctl("restart", "warden");

        XMPPTCPConnection alice = member("alice");
        Muc.Outcome opening = Eventually.await(RESTART, () -> Muc.attempt(alice, listed, "alice"),
                o -> o.error() == null || o.error().getCondition() == StanzaError.Condition.not_allowed,
                "the listed room refuses alice once Warden is back");
        assertThat(opening.joined()).as("alice, not listed, after the restart: " + opening).isFalse();
        MultiUserChat bob = Muc.join(member("bob"), listed, "bob");
        Muc.join(alice, listed, "alice");
        eventuallySeen(bob, "alice", "member/participant");

        Adhoc after = adminClient();
        Eventually.await(SEEN, () -> after.run("warden#show-room-rules", Map.of("room", owned.toString()))
                .field("owner"), "erin@coop.test"::equals, "Warden learns the owner back from Prosody's occupants");
        MultiUserChat carol = Muc.join(member("carol"), owned, "carol");
        eventuallySeen(carol, "erin", "owner/moderator");
        eventuallySeen(erin, "carol", "member/participant");
    }
}
