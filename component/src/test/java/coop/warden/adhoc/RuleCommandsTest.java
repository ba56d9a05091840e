package coop.warden.adhoc;

import static coop.warden.adhoc.AdhocFixture.command;
import static coop.warden.adhoc.AdhocFixture.note;
import static coop.warden.adhoc.AdhocHandlerTest.assertBadRequest;
import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.rooms.Stanzas;
import coop.warden.store.ChangeLogEntry;
import coop.warden.store.RuleSet;
import coop.warden.xmpp.IqOutcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xmpp.packet.JID;

/** The four moderator-rules commands over a real SQLite store: what they change, show and refuse. */
class RuleCommandsTest {
    static final JID MEETING = new JID("meeting@conference.coop.test");

    @TempDir
    Path dir;
    AdhocFixture f;
    AdhocHandler handler;

    @BeforeEach
    void start() throws Exception {
        f = AdhocFixture.open(dir, "");
        f.rooms.sync("");
        handler = new AdhocHandler(f.rooms.module.admins(), RuleCommands.all(f.rooms.module.rulesAdmin()), f.rooms.clock);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private IqOutcome send(String node, String action, String sessionId, String payload) throws Exception {
        String xml = "<iq type='set' id='c1' from='" + AdhocFixture.ADMIN + "' to='warden.coop.test'><command xmlns='"
                + AdhocFixture.NS + "' node='" + node + "' action='" + action + "'"
                + (sessionId == null ? "" : " sessionid='" + sessionId + "'") + ">" + (payload == null ? "" : payload)
                + "</command></iq>";
        return handler.handle(Stanzas.iq(xml)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private Element form(String node) throws Exception {
        Element executing = command(send(node, "execute", null, null));
        assertThat(executing.attributeValue("status")).isEqualTo("executing");
        return executing;
    }

    private IqOutcome submitXml(String node, String formXml) throws Exception {
        Element executing = form(node);
        return send(node, "complete", executing.attributeValue("sessionid"), formXml);
    }

    private IqOutcome submit(String node, Map<String, String> values) throws Exception {
        return submitXml(node, AdhocFixture.form(values));
    }

    @Test
    void theRuleCommandsAreListedForAdmins() {
        assertThat(handler.items(AdhocFixture.NS, new JID("admin@coop.test/x"), new JID("warden.coop.test"))
                .orElseThrow()).extracting(i -> i.node()).containsExactly(
                "warden#show-room-rules", "warden#set-room-rules", "warden#set-room-moderators",
                "warden#set-default-rules");
    }

    @Test
    void theRuleSetFieldOffersEveryRuleSetAndFollowingTheDefault() throws Exception {
        Element x = form("warden#set-room-rules").element(QName.get("x", "jabber:x:data"));
        Element field = x.elements("field").stream().filter(e -> "rules".equals(e.attributeValue("var")))
                .findFirst().orElseThrow();
        assertThat(field.attributeValue("type")).isEqualTo("list-single");
        assertThat(field.elements("option")).extracting(o -> o.elementText("value"))
                .containsExactly("members-moderate", "first-member-owns", "listed", "default");
    }

    @Test
    void aRoomGetsARuleSetAndModeratorsAndShowsThem() throws Exception {
        String set = note(submit("warden#set-room-rules", Map.of("room", MEETING.toString(), "rules", "listed")));
        assertThat(set).startsWith("Changed meeting@conference.coop.test from none of its own: it follows the default"
                + " to listed. ").contains("Nobody is listed, so only admins moderate");

        String listed = note(submitXml("warden#set-room-moderators", "<x xmlns='jabber:x:data' type='submit'>"
                + "<field var='room'><value>" + MEETING + "</value></field><field var='moderators'>"
                + "<value>bob@coop.test</value><value> alice@coop.test, carol@coop.test </value></field></x>"));
        assertThat(listed).startsWith("The moderators listed for meeting@conference.coop.test are now"
                + " alice@coop.test, bob@coop.test, carol@coop.test (before: nobody).");

        IqOutcome shown = submit("warden#show-room-rules", Map.of("room", MEETING.toString()));
        assertThat(note(shown)).isEqualTo("meeting@conference.coop.test: rule set listed (this room's own rule set) —"
                + " only the members listed for the room moderate. Listed moderators: alice@coop.test, bob@coop.test,"
                + " carol@coop.test.");
        Element result = command(shown).element(QName.get("x", "jabber:x:data"));
        Element moderators = result.elements("field").stream()
                .filter(e -> "moderators".equals(e.attributeValue("var"))).findFirst().orElseThrow();
        assertThat(moderators.elements("value")).extracting(Element::getText)
                .containsExactly("alice@coop.test", "bob@coop.test", "carol@coop.test");

        List<ChangeLogEntry> log = f.store.recentChanges(10);
        assertThat(log).extracting(ChangeLogEntry::action).containsExactly("set-room-moderators", "set-room-rules");
        assertThat(log.get(0).newValue()).isEqualTo("alice@coop.test, bob@coop.test, carol@coop.test");
        assertThat(log.get(0).actor()).isEqualTo(new JID("admin@coop.test"));
    }

    @Test
    void anEmptyListClearsItAndDefaultMakesTheRoomFollowTheDefaultAgain() throws Exception {
        submit("warden#set-room-rules", Map.of("room", MEETING.toString(), "rules", "first-member-owns"));
        submit("warden#set-room-moderators", Map.of("room", MEETING.toString(), "moderators", "bob@coop.test"));
        note(submit("warden#set-room-moderators", Map.of("room", MEETING.toString())));
        note(submit("warden#set-room-rules", Map.of("room", MEETING.toString(), "rules", "default")));
        assertThat(f.store.moderators(MEETING)).isEmpty();
        assertThat(f.store.roomRules(MEETING)).isEmpty();
        assertThat(note(submit("warden#set-room-rules", Map.of("room", MEETING.toString(), "rules", "default"))))
                .startsWith("meeting@conference.coop.test already had that setting; nothing changed.");
    }

    @Test
    void theDefaultRuleSetCanBeOverriddenAndGivenBackToTheConfiguration() throws Exception {
        assertThat(note(submit("warden#set-default-rules", Map.of("rules", "first-member-owns"))))
                .isEqualTo("The default rule set is now first-member-owns (the default rule set set by an admin);"
                        + " before, it was the configured default.");
        assertThat(f.store.defaultRules()).contains(RuleSet.FIRST_MEMBER_OWNS);
        assertThat(f.rooms.module.rulesAdmin().room(MEETING).effective().rules()).isEqualTo(RuleSet.FIRST_MEMBER_OWNS);

        assertThat(note(submit("warden#set-default-rules", Map.of("rules", "configured"))))
                .isEqualTo("The default rule set is now members-moderate (the configured default rule set); before,"
                        + " it was first-member-owns (set by an admin).");
        assertThat(f.store.defaultRules()).isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "warden#set-room-rules      | rules      | everyone                   | “everyone” is not a rule set: one of members-moderate, first-member-owns, listed. Or “default”.",
        "warden#set-room-moderators | moderators | x7f3@guest.coop.test       | “x7f3@guest.coop.test” is not a member of the co-op (a guest); only members can moderate. Members' accounts are on coop.test.",
        "warden#set-room-moderators | moderators | bob@coop.test/laptop       | “bob@coop.test/laptop” is not a member's bare address; give one such as alice@coop.test, without “/resource”.",
        "warden#set-room-moderators | moderators | coop.test                  | “coop.test” is not a member's bare address; give one such as alice@coop.test, without “/resource”.",
        "warden#set-room-moderators | moderators | focus@auth.coop.test       | “focus@auth.coop.test” is not a member of the co-op (a service account); only members can moderate. Members' accounts are on coop.test.",
    })
    void badInputIsRefusedWithWhatToFixAndChangesNothing(String node, String var, String value, String message)
            throws Exception {
        IqOutcome outcome = submit(node, Map.of("room", MEETING.toString(), var, value));
        assertBadRequest(outcome, "bad-payload");
        assertThat(((IqOutcome.Failure) outcome).text()).isEqualTo(message);
        assertThat(f.store.recentChanges(10)).isEmpty();
    }

    @Test
    void aRoomOnAHostWardenDoesNotManageIsRefused() throws Exception {
        IqOutcome outcome = submit("warden#set-room-rules", Map.of("room", "meeting@elsewhere.test", "rules", "listed"));
        assertBadRequest(outcome, "bad-payload");
        assertThat(((IqOutcome.Failure) outcome).text()).contains("is not a MUC host Warden manages");
    }
}
