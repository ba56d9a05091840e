// warden_muc_offline = "allow" (the demo's open.coop.test): while Warden is unreachable, joins go through uncounted.
package coop.warden.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.EntityBareJid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Needs the demo stack's open.coop.test: a MUC host with mod_warden_muc and
 * {@code warden_muc_offline = "allow"}, listed in warden.muc.hosts (stack/prosody.cfg.lua.in).
 */
class OfflineAllowTest {
    private static final String HOST = "open." + Stack.DOMAIN;
    private static final Duration BACK = Duration.ofSeconds(30);

    private final Muc.People people = new Muc.People();
    private final List<EntityBareJid> capped = new ArrayList<>();

    @AfterEach
    void mend() throws Exception {
        Stack.ctl("start", "warden");
        try {
            Adhoc admin = new Adhoc(Eventually.await(BACK, () -> people.login("admin1"), c -> true, "admin1 logs in"));
            for (EntityBareJid room : capped) {
                admin.clearRoomCap(room);
            }
        } finally {
            people.close();
        }
    }

    @Test
    void whileWardenIsDownJoinsAreLetThroughUncountedAndOnceItIsBackItCountsThem() throws Exception {
        EntityBareJid room = Muc.uniqueRoom("allow", HOST);
        new Adhoc(people.login("admin1")).setRoomCap(room, "1");
        capped.add(room);
        Muc.join(people.login("alice"), room, "alice");
        XMPPTCPConnection bob = people.login("bob");
        assertThat(Muc.attempt(bob, room, "bob").full()).as("Warden decides on this host while it is up")
                .contains(new Muc.Full(1, 1));
        XMPPTCPConnection carol = people.login("carol");
        XMPPTCPConnection dave = people.login("dave");
        XMPPTCPConnection erin = people.login("erin");

        Stack.ctl("stop", "warden");
        Muc.Outcome over;
        Muc.Outcome created;
        Muc.Outcome elsewhere;
        try {
            over = Muc.attempt(bob, room, "bob");
            created = Muc.attempt(carol, Muc.uniqueRoom("allow-new", HOST), "carol");
            elsewhere = Muc.attempt(dave, Muc.uniqueRoom("refuse"), "dave");
        } finally {
            Stack.ctl("start", "warden");
        }
        assertThat(over.joined()).as("bob, past the cap while Warden is down: " + over).isTrue();
        assertThat(created.joined()).as("carol opens a room while Warden is down: " + created).isTrue();
        assertThat(created.created()).isTrue();
        assertThat(elsewhere.isPolicyServiceUnavailable()).as("conference.* keeps the default, refuse: " + elsewhere)
                .isTrue();

        // Back up, Warden learns from Prosody who is in the room (its sync) and counts bob too.
        Muc.Outcome after = Eventually.await(BACK, () -> Muc.attempt(erin, room, "erin"),
                o -> !o.isNotDecidedYet(), "erin's join is decided by Warden again");
        assertThat(after.full()).as("erin once Warden is back: " + after).contains(new Muc.Full(1, 2));
    }
}
