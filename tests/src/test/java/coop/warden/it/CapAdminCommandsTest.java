// XEP-0050 cap commands on the real stack: admins set, list and clear caps; others and bad input change nothing.
package coop.warden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jxmpp.jid.EntityBareJid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** XEP-0050 §4 (execution) and §4.6 (error conditions), as Warden's admin guide describes them. */
class CapAdminCommandsTest {
    private final Muc.People people = new Muc.People();
    private Adhoc admin;
    private EntityBareJid room;

    @BeforeEach
    void admin() throws Exception {
        admin = new Adhoc(people.login("admin1"));
        room = Muc.uniqueRoom("cmd");
    }

    @AfterEach
    void tidy() throws Exception {
        try {
            admin.clearRoomCap(room);
        } finally {
            people.close();
        }
    }

    @Test
    void anAdminSetsListsAndClearsARoomsCap() throws Exception {
        assertThat(admin.nodes()).containsAll(Adhoc.CAP_COMMANDS);

        Adhoc.Result set = admin.setRoomCap(room, "5");
        assertThat(set.note()).contains(room + " now has a cap of its own: 5 people");
        assertThat(admin.showRoom(room).field("own-cap")).isEqualTo("5 people");
        assertThat(admin.listed(room)).containsEntry("own-cap", "5").containsEntry("cap", "5")
                .containsEntry("count", "0");

        admin.setRoomCap(room, "none");
        assertThat(admin.showRoom(room).field("own-cap")).isEqualTo("no cap");
        assertThat(admin.listed(room)).containsEntry("own-cap", "none").containsEntry("cap", "none");

        Adhoc.Result cleared = admin.clearRoomCap(room);
        assertThat(cleared.note()).contains(room + " no longer has a cap of its own (it was no cap)");
        assertThat(admin.showRoom(room).field("own-cap")).isEqualTo("none of its own: it follows the default");
        assertThat(admin.listed(room)).as("a room with no cap of its own and nobody in it is not listed").isNull();

        Adhoc.Result changes = admin.run(Adhoc.SHOW_CHANGES, Map.of("count", "50"));
        assertThat(changes.rows()).anySatisfy(row -> assertThat(row)
                .containsEntry("actor", "admin1@coop.test").containsEntry("action", "set-room-cap")
                .containsEntry("room", room.toString()).containsEntry("old", "(not set)").containsEntry("new", "5"));
        assertThat(changes.rows()).anySatisfy(row -> assertThat(row)
                .containsEntry("action", "set-room-cap").containsEntry("room", room.toString())
                .containsEntry("old", "5").containsEntry("new", "none"));
        assertThat(changes.rows()).anySatisfy(row -> assertThat(row)
                .containsEntry("action", "clear-room-cap").containsEntry("room", room.toString())
                .containsEntry("old", "none").containsEntry("new", "(not set)"));
    }

    @Test
    void theDefaultCapSetByAnAdminAppliesToRoomsWithoutOneAndARoomsOwnCapBeatsIt() throws Exception {
        EntityBareJid raised = Muc.uniqueRoom("cmd-raised");
        try {
            Adhoc.Result set = admin.run(Adhoc.SET_DEFAULT_CAP, Map.of("cap", "1"));
            assertThat(set.note()).contains("1");
            admin.setRoomCap(raised, "2");

            Muc.join(people.login("alice"), room, "alice");
            Muc.Outcome bob = Muc.attempt(people.login("bob"), room, "bob");
            assertThat(bob.full()).as("bob, in a room that follows the default: " + bob).contains(new Muc.Full(1, 1));

            Muc.join(people.login("carol"), raised, "carol");
            assertThat(Muc.attempt(people.login("dave"), raised, "dave").joined())
                    .as("dave, in a room whose own cap of 2 raises the default").isTrue();
        } finally {
            admin.run(Adhoc.SET_DEFAULT_CAP, Map.of("use-configured", "true"));
            admin.clearRoomCap(raised);
        }
        assertThat(admin.run(Adhoc.SHOW_CHANGES, Map.of("count", "50")).rows())
                .anySatisfy(row -> assertThat(row).containsEntry("action", "set-default-cap")
                        .containsEntry("actor", "admin1@coop.test").containsEntry("new", "1"))
                .anySatisfy(row -> assertThat(row).containsEntry("action", "clear-default-cap")
                        .containsEntry("old", "1").containsEntry("new", "(not set)"));
        Muc.Outcome erin = Muc.attempt(people.login("erin"), room, "erin");
        assertThat(erin.joined()).as("erin, once the default is the configuration file's again: " + erin).isTrue();
    }

    @Test
    void theListCountsThePeopleInARoom() throws Exception {
        admin.setRoomCap(room, "4");
        Muc.join(people.login("alice"), room, "alice");
        Muc.join(people.login("focus"), room, "focus");
        assertThat(admin.listed(room)).containsEntry("own-cap", "4").containsEntry("count", "1");
        Adhoc.Result shown = admin.showRoom(room);
        assertThat(shown.field("count")).isEqualTo("1");
        assertThat(shown.values("occupants")).anySatisfy(line -> assertThat(line).startsWith("alice — alice@coop.test/"))
                .anySatisfy(line -> assertThat(line).startsWith("focus — ").endsWith("(service, not counted)"));
    }

    @Test
    void badFormInputIsRefusedAndChangesNothing() throws Exception {
        admin.setRoomCap(room, "4");
        for (String cap : new String[] {"-1", "three", "2.5", "100001"}) {
            assertBadPayload(() -> admin.setRoomCap(room, cap), "cap " + cap);
        }
        String[] rooms = {"meeting@@" + Stack.MUC, Stack.MUC, room + "/nick", "meeting@chat.example.org",
            room.getLocalpart() + "@" + Stack.DOMAIN};
        for (String bad : rooms) {
            assertBadPayload(() -> admin.run(Adhoc.SET_ROOM_CAP, Map.of("room", bad, "cap", "1")), "room " + bad);
            assertBadPayload(() -> admin.clearRoomCap(bad), "clear " + bad);
        }
        assertBadPayload(() -> admin.run(Adhoc.SET_DEFAULT_CAP, Map.of("cap", "-3")), "default cap -3");

        assertThat(admin.showRoom(room).field("own-cap")).isEqualTo("4 people");
        assertThat(admin.listed(room)).containsEntry("own-cap", "4");
        assertThat(admin.run(Adhoc.SHOW_CHANGES, Map.of("count", "50")).rows())
                .filteredOn(row -> room.toString().equals(row.get("room"))).hasSize(1);
    }

    @Test
    void aMemberWhoIsNoAdminIsForbiddenAndSeesNoCommands() throws Exception {
        admin.setRoomCap(room, "4");
        XMPPTCPConnection bob = people.login("bob");
        Adhoc asBob = new Adhoc(bob);

        assertThat(asBob.nodes()).doesNotContainAnyElementsOf(Adhoc.CAP_COMMANDS)
                .doesNotContain("warden#set-room-rules", "warden#set-room-moderators", "warden#show-room-rules",
                        "warden#set-default-rules");
        for (String rules : List.of("warden#set-room-rules", "warden#set-default-rules")) {
            XMPPException.XMPPErrorException refused = catchThrowableOfType(
                    () -> asBob.run(rules, Map.of("room", room.toString(), "rules", "members-moderate")),
                    XMPPException.XMPPErrorException.class);
            assertThat(refused).as("bob runs " + rules).isNotNull();
            assertThat(refused.getStanzaError().getCondition()).as(rules).isEqualTo(StanzaError.Condition.forbidden);
        }
        XMPPException.XMPPErrorException e = catchThrowableOfType(() -> asBob.setRoomCap(room, "1"),
                XMPPException.XMPPErrorException.class);
        assertThat(e).as("bob runs set-room-cap").isNotNull();
        assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden);
        assertThat(catchThrowableOfType(() -> asBob.listRooms(), XMPPException.XMPPErrorException.class)
                .getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden);

        assertThat(admin.showRoom(room).field("own-cap")).isEqualTo("4 people");
    }

    private static void assertBadPayload(org.assertj.core.api.ThrowableAssert.ThrowingCallable run, String what) {
        XMPPException.XMPPErrorException e = catchThrowableOfType(run, XMPPException.XMPPErrorException.class);
        assertThat(e).as(what + " is refused").isNotNull();
        StanzaError error = e.getStanzaError();
        assertThat(error.getCondition()).as(what).isEqualTo(StanzaError.Condition.bad_request);
        assertThat(AdHocCommand.getSpecificErrorCondition(error)).as(what)
                .isEqualTo(AdHocCommand.SpecificErrorCondition.badPayload);
        assertThat(error.getDescriptiveText()).as(what + ": the text says what is wrong").isNotBlank();
    }
}
