package coop.warden.adhoc;

import static coop.warden.adhoc.AdhocFixture.ADMIN;
import static coop.warden.adhoc.AdhocFixture.command;
import static coop.warden.adhoc.AdhocFixture.note;
import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.store.Cap;
import coop.warden.xmpp.ErrorCondition;
import coop.warden.xmpp.IqOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.dom4j.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/** XEP-0050 mechanics: ACL, sessions, actions, the executing and completed shapes. */
class AdhocHandlerTest {
    static final String SET = "warden#set-room-cap";

    @TempDir
    Path dir;
    AdhocFixture f;

    @BeforeEach
    void start() {
        f = AdhocFixture.open(dir, "");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void handlesCommandSetsOnly() {
        assertThat(f.handler.element()).isEqualTo("command");
        assertThat(f.handler.namespace()).isEqualTo("http://jabber.org/protocol/commands");
        assertThat(f.handler.accepts(IQ.Type.set)).isTrue();
        assertThat(f.handler.accepts(IQ.Type.get)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice@coop.test/phone", "coop.test", "conference.coop.test", "admin@evil.test/x"})
    void anyoneButAnAdminIsForbidden(String from) throws Exception {
        for (String node : new String[] {SET, "warden#list-rooms", "no-such-node"}) {
            IqOutcome out = f.execute(from, node);
            assertThat(out).isInstanceOf(IqOutcome.Failure.class);
            assertThat(((IqOutcome.Failure) out).condition()).isEqualTo(ErrorCondition.FORBIDDEN);
        }
        IqOutcome submit = f.send(from, SET, "complete", "guess",
                AdhocFixture.form(Map.of("room", "meeting@conference.coop.test", "cap", "1")));
        assertThat(((IqOutcome.Failure) submit).condition()).isEqualTo(ErrorCondition.FORBIDDEN);
        assertThat(f.store.roomCaps()).isEmpty();
    }

    @Test
    void anUnknownNodeIsItemNotFound() throws Exception {
        IqOutcome out = f.execute(ADMIN, "warden#no-such-command");
        assertThat(((IqOutcome.Failure) out).condition()).isEqualTo(ErrorCondition.ITEM_NOT_FOUND);
    }

    @Test
    void executeReturnsAFormWithTheCompleteAction() throws Exception {
        Element cmd = command(f.execute(ADMIN, SET));
        assertThat(cmd.attributeValue("node")).isEqualTo(SET);
        assertThat(cmd.attributeValue("status")).isEqualTo("executing");
        assertThat(cmd.attributeValue("sessionid")).isNotBlank();
        Element actions = cmd.element("actions");
        assertThat(actions.attributeValue("execute")).isEqualTo("complete");
        assertThat(actions.elements()).extracting(Element::getName).containsExactly("complete");
        Element x = cmd.element(org.dom4j.QName.get("x", "jabber:x:data"));
        assertThat(x.attributeValue("type")).isEqualTo("form");
        assertThat(x.elements("field")).extracting(e -> e.attributeValue("var")).containsExactly("room", "cap");
        assertThat(x.elements("field")).allSatisfy(e -> assertThat(e.element("required")).isNotNull());
        assertThat(x.element("field").attributeValue("type")).isEqualTo("jid-single");
    }

    @Test
    void submittingCompletesWithANoteAndRecordsTheChange() throws Exception {
        String note = note(f.submit(SET, Map.of("room", "Meeting@conference.coop.test", "cap", "5")));
        assertThat(note).contains("meeting@conference.coop.test").contains("5 people");
        assertThat(f.store.roomCap(new JID("meeting@conference.coop.test"))).contains(Cap.seats(5));
        assertThat(f.store.recentChanges(5)).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo(new JID("admin@coop.test"));
            assertThat(e.action()).isEqualTo("set-room-cap");
            assertThat(e.oldValue()).isNull();
            assertThat(e.newValue()).isEqualTo("5");
        });
    }

    @Test
    void theSessionEndsOnCompletion() throws Exception {
        Element cmd = command(f.execute(ADMIN, SET));
        String session = cmd.attributeValue("sessionid");
        String form = AdhocFixture.form(Map.of("room", "meeting@conference.coop.test", "cap", "5"));
        note(f.send(ADMIN, SET, "complete", session, form));
        assertBadRequest(f.send(ADMIN, SET, "complete", session, form), "bad-sessionid");
    }

    @Test
    void executeWithTheSessionAndAFormActsAsComplete() throws Exception {
        String session = command(f.execute(ADMIN, SET)).attributeValue("sessionid");
        note(f.send(ADMIN, SET, null, session,
                AdhocFixture.form(Map.of("room", "meeting@conference.coop.test", "cap", "none"))));
        assertThat(f.store.roomCap(new JID("meeting@conference.coop.test"))).contains(Cap.unlimited());
    }

    @Test
    void cancelEndsTheSessionAndChangesNothing() throws Exception {
        String session = command(f.execute(ADMIN, SET)).attributeValue("sessionid");
        Element canceled = command(f.send(ADMIN, SET, "cancel", session, null));
        assertThat(canceled.attributeValue("status")).isEqualTo("canceled");
        assertThat(canceled.attributeValue("sessionid")).isEqualTo(session);
        assertBadRequest(f.send(ADMIN, SET, "complete", session,
                AdhocFixture.form(Map.of("room", "meeting@conference.coop.test", "cap", "5"))), "bad-sessionid");
        assertThat(f.store.roomCaps()).isEmpty();
    }

    @Test
    void aCancelFormCancelsToo() throws Exception {
        String session = command(f.execute(ADMIN, SET)).attributeValue("sessionid");
        Element canceled = command(f.send(ADMIN, SET, "complete", session, "<x xmlns='jabber:x:data' type='cancel'/>"));
        assertThat(canceled.attributeValue("status")).isEqualTo("canceled");
    }

    @Test
    void aSessionBelongsToOneRequesterAndOneNode() throws Exception {
        String session = command(f.execute(ADMIN, SET)).attributeValue("sessionid");
        String form = AdhocFixture.form(Map.of("room", "meeting@conference.coop.test", "cap", "5"));
        assertBadRequest(f.send("admin@coop.test/phone", SET, "complete", session, form), "bad-sessionid");
        assertBadRequest(f.send(ADMIN, "warden#show-room", "complete", session, form), "bad-sessionid");
        assertBadRequest(f.send(ADMIN, SET, "complete", "made-up", form), "bad-sessionid");
        note(f.send(ADMIN, SET, "complete", session, form)); // still usable by its owner
    }

    @Test
    void aSessionExpiresAfterTenIdleMinutes() throws Exception {
        String session = command(f.execute(ADMIN, SET)).attributeValue("sessionid");
        f.rooms.clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertBadRequest(f.send(ADMIN, SET, "complete", session,
                AdhocFixture.form(Map.of("room", "meeting@conference.coop.test", "cap", "5"))), "bad-sessionid");
    }

    @Test
    void actionsAreChecked() throws Exception {
        assertBadRequest(f.send(ADMIN, SET, "jump", null, null), "malformed-action");
        assertBadRequest(f.send(ADMIN, SET, "complete", null, null), "bad-action");
        String session = command(f.execute(ADMIN, SET)).attributeValue("sessionid");
        assertBadRequest(f.send(ADMIN, SET, "next", session, null), "bad-action");
        assertBadRequest(f.send(ADMIN, SET, "prev", session, null), "bad-action");
        assertBadRequest(f.send(ADMIN, SET, "complete", session, null), "bad-payload");
        assertBadRequest(f.send(ADMIN, SET, "complete", session, "<x xmlns='jabber:x:data' type='form'/>"),
                "bad-payload");
    }

    @Test
    void aCommandWithoutInputCompletesAtOnce() throws Exception {
        Element cmd = command(f.execute(ADMIN, "warden#list-rooms"));
        assertThat(cmd.attributeValue("status")).isEqualTo("completed");
        assertThat(cmd.attributeValue("sessionid")).isNotBlank();
        assertThat(cmd.elementText("note")).contains("Default cap");
    }

    static void assertBadRequest(IqOutcome outcome, String specific) {
        assertThat(outcome).isInstanceOf(IqOutcome.Failure.class);
        IqOutcome.Failure failure = (IqOutcome.Failure) outcome;
        assertThat(failure.condition()).isEqualTo(ErrorCondition.BAD_REQUEST);
        assertThat(failure.extension().getName()).isEqualTo(specific);
        assertThat(failure.extension().getNamespaceURI()).isEqualTo("http://jabber.org/protocol/commands");
        assertThat(failure.text()).isNotBlank();
    }
}
