package coop.warden.adhoc;

import static coop.warden.adhoc.AdhocFixture.command;
import static coop.warden.adhoc.AdhocFixture.note;
import static coop.warden.adhoc.AdhocHandlerTest.assertBadRequest;
import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.store.Cap;
import coop.warden.xmpp.IqOutcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmpp.packet.JID;

/** The six cap commands: what they change, what they show, and that bad input changes nothing. */
class CapCommandsTest {
    static final JID MEETING = new JID("meeting@conference.coop.test");

    @TempDir
    Path dir;
    AdhocFixture f;

    @BeforeEach
    void start() throws Exception {
        f = AdhocFixture.open(dir, "warden.muc.default-cap = 10");
        f.rooms.sync("");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void theCommandsAreTheSixCapCommands() {
        assertThat(f.handler.items(AdhocFixture.NS, new JID("admin@coop.test/x"), new JID("warden.coop.test"))
                .orElseThrow()).extracting(i -> i.node()).containsExactly(
                "warden#set-room-cap", "warden#clear-room-cap", "warden#show-room", "warden#list-rooms",
                "warden#set-default-cap", "warden#show-changes");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "meeting@conference.coop.test | -1     | negative",
        "meeting@conference.coop.test | abc    | not a cap",
        "meeting@conference.coop.test | 100001 | too large",
        "meeting@conference.coop.test | 2.5    | not a cap",
        "meeting@conference.coop.test | ''     | required",
        "meeting@other.coop.test      | 5      | not a MUC host Warden manages",
        "conference.coop.test         | 5      | no room name",
        "meeting@conference.coop.test/Alice | 5 | names a person",
        "a@@b                         | 5      | not a valid room JID",
        "''                           | 5      | required"})
    void badInputToSetRoomCapIsABadPayloadAndChangesNothing(String room, String cap, String why) throws Exception {
        f.store.setRoomCap(MEETING, java.util.Optional.of(Cap.seats(3)), new JID("admin@coop.test"));
        IqOutcome out = f.submit("warden#set-room-cap", Map.of("room", room, "cap", cap));
        assertBadRequest(out, "bad-payload");
        assertThat(((IqOutcome.Failure) out).text()).contains(why);
        assertThat(f.store.roomCaps()).containsExactly(Map.entry(MEETING, Cap.seats(3)));
        assertThat(f.store.recentChanges(10)).hasSize(1);
    }

    @Test
    void aBadSubmissionCanBeCorrectedInTheSameSession() throws Exception {
        Element executing = command(f.execute(AdhocFixture.ADMIN, "warden#set-room-cap"));
        String session = executing.attributeValue("sessionid");
        assertBadRequest(f.send(AdhocFixture.ADMIN, "warden#set-room-cap", "complete", session,
                AdhocFixture.form(Map.of("room", "meeting@conference.coop.test", "cap", "-3"))), "bad-payload");
        note(f.send(AdhocFixture.ADMIN, "warden#set-room-cap", "complete", session,
                AdhocFixture.form(Map.of("room", "meeting@conference.coop.test", "cap", "3"))));
        assertThat(f.store.roomCap(MEETING)).contains(Cap.seats(3));
    }

    @Test
    void setAndClearARoomCap() throws Exception {
        note(f.submit("warden#set-room-cap", Map.of("room", "meeting@conference.coop.test", "cap", "2")));
        String again = note(f.submit("warden#set-room-cap", Map.of("room", "meeting@conference.coop.test", "cap", "2")));
        assertThat(again).contains("nothing changed");

        String cleared = note(f.submit("warden#clear-room-cap", Map.of("room", "meeting@conference.coop.test")));
        assertThat(cleared).contains("no longer has a cap of its own").contains("10 people");
        assertThat(f.store.roomCap(MEETING)).isEmpty();
        String noop = note(f.submit("warden#clear-room-cap", Map.of("room", "meeting@conference.coop.test")));
        assertThat(noop).contains("nothing changed");
        assertThat(f.store.recentChanges(10)).extracting(e -> e.action())
                .containsExactly("clear-room-cap", "set-room-cap");
    }

    @Test
    void loweringACapBelowTheCountSaysNobodyIsRemoved() throws Exception {
        f.rooms.join("meeting", "alice");
        f.rooms.join("meeting", "bob");
        String note = note(f.submit("warden#set-room-cap", Map.of("room", "meeting@conference.coop.test", "cap", "1")));
        assertThat(note).contains("2 people are in it").contains("nobody is removed");
    }

    @Test
    void showARoom() throws Exception {
        f.rooms.join("meeting", "alice");
        f.rooms.joined("meeting", "alice");
        f.rooms.join("meeting", "bob");
        f.rooms.sendNow("join", "room='meeting@conference.coop.test' occupant='focus@auth.coop.test/f'"
                + " nick='meeting@conference.coop.test/focus'");
        IqOutcome out = f.submit("warden#show-room", Map.of("room", "meeting@conference.coop.test"));
        assertThat(note(out)).contains("2 people are in it").contains("10 people (the configured default cap)");
        Element x = command(out).element(QName.get("x", "jabber:x:data"));
        assertThat(x.attributeValue("type")).isEqualTo("result");
        Map<String, List<String>> fields = fields(x);
        assertThat(fields.get("count")).containsExactly("2");
        assertThat(fields.get("own-cap").get(0)).contains("follows the default");
        assertThat(fields.get("occupants")).containsExactly(
                "alice — alice@coop.test/dev",
                "bob — bob@coop.test/dev (joining)",
                "focus — focus@auth.coop.test/f (service, not counted) (joining)");
    }

    @Test
    void listRoomsShowsCappedAndOccupiedRooms() throws Exception {
        note(f.submit("warden#set-room-cap", Map.of("room", "capped@conference.coop.test", "cap", "none")));
        f.rooms.join("busy", "alice");
        Element cmd = command(f.execute(AdhocFixture.ADMIN, "warden#list-rooms"));
        Element x = cmd.element(QName.get("x", "jabber:x:data"));
        assertThat(x.element("reported").elements("field")).extracting(e -> e.attributeValue("var"))
                .containsExactly("room", "own-cap", "cap", "count");
        List<Element> items = x.elements("item");
        assertThat(items).hasSize(2);
        assertThat(fields(items.get(0))).containsEntry("room", List.of("busy@conference.coop.test"))
                .containsEntry("own-cap", List.of("—")).containsEntry("cap", List.of("10"))
                .containsEntry("count", List.of("1"));
        assertThat(fields(items.get(1))).containsEntry("room", List.of("capped@conference.coop.test"))
                .containsEntry("own-cap", List.of("none")).containsEntry("cap", List.of("none"));
        assertThat(cmd.elementText("note")).contains("busy@conference.coop.test: 1 of 10 (default)");
    }

    @Test
    void setTheDefaultCapToANumberToNoneAndBackToTheConfiguredOne() throws Exception {
        Element form = command(f.execute(AdhocFixture.ADMIN, "warden#set-default-cap"))
                .element(QName.get("x", "jabber:x:data"));
        assertThat(fields(form).get("cap")).containsExactly("10");

        assertThat(note(f.submit("warden#set-default-cap", Map.of("cap", "4")))).contains("now 4 people");
        assertThat(f.store.defaultCap()).contains(Cap.seats(4));
        assertThat(f.rooms.module.admin().room(MEETING).effective().cap()).isEqualTo(Cap.seats(4));

        assertThat(note(f.submit("warden#set-default-cap", Map.of("cap", "")))).contains("now no cap");
        assertThat(f.store.defaultCap()).contains(Cap.unlimited());

        assertThat(note(f.submit("warden#set-default-cap", Map.of("use-configured", "1"))))
                .contains("now 10 people (the configured default cap)");
        assertThat(f.store.defaultCap()).isEmpty();
        assertThat(f.store.recentChanges(10)).extracting(e -> e.action())
                .containsExactly("clear-default-cap", "set-default-cap", "set-default-cap");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-2", "many", "1000000"})
    void badDefaultCapsChangeNothing(String cap) throws Exception {
        assertBadRequest(f.submit("warden#set-default-cap", Map.of("cap", cap)), "bad-payload");
        assertBadRequest(f.submit("warden#set-default-cap", Map.of("use-configured", "maybe")), "bad-payload");
        assertThat(f.store.defaultCap()).isEmpty();
        assertThat(f.store.recentChanges(10)).isEmpty();
    }

    @Test
    void showChangesListsWhoWhenAndOldToNew() throws Exception {
        note(f.submit("warden#set-room-cap", Map.of("room", "meeting@conference.coop.test", "cap", "2")));
        note(f.submit("warden#set-room-cap", Map.of("room", "meeting@conference.coop.test", "cap", "3")));
        note(f.submit("warden#set-default-cap", Map.of("cap", "8")));

        IqOutcome out = f.submit("warden#show-changes", Map.of("count", "2"));
        String note = note(out);
        assertThat(note).contains("admin@coop.test set-default-cap (all rooms): (not set) → 8");
        assertThat(note).contains("set-room-cap meeting@conference.coop.test: 2 → 3");
        assertThat(note).doesNotContain("(not set) → 2");
        Element x = command(out).element(QName.get("x", "jabber:x:data"));
        assertThat(x.elements("item")).hasSize(2);
        assertThat(fields(x.elements("item").get(1))).containsEntry("old", List.of("2"))
                .containsEntry("new", List.of("3")).containsEntry("actor", List.of("admin@coop.test"))
                .containsEntry("at", List.of("2025-03-01T10:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1001", "ten", "-1"})
    void showChangesChecksTheCount(String count) throws Exception {
        assertBadRequest(f.submit("warden#show-changes", Map.of("count", count)), "bad-payload");
    }

    @Test
    void roomsOnAnyConfiguredHostAreAccepted(@TempDir Path other) throws Exception {
        try (AdhocFixture g = AdhocFixture.open(other,
                "warden.muc.hosts = [\"conference.coop.test\", \"breakout.coop.test\"]")) {
            note(g.submit("warden#set-room-cap", Map.of("room", "x@breakout.coop.test", "cap", "4")));
            assertThat(g.store.roomCap(new JID("x@breakout.coop.test"))).contains(Cap.seats(4));
        }
    }

    static Map<String, List<String>> fields(Element formOrItem) {
        Map<String, List<String>> values = new java.util.LinkedHashMap<>();
        for (Element field : formOrItem.elements("field")) {
            values.put(field.attributeValue("var"), field.elements("value").stream().map(Element::getText).toList());
        }
        return values;
    }
}
