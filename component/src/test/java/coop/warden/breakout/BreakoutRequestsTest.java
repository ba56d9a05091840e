// The two ways moderators reach the bookkeeping: XEP-0050 commands and urn:warden:breakout:1 IQs.
package coop.warden.breakout;

import static coop.warden.breakout.BreakoutFixture.MAIN;
import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.adhoc.AdhocCommand;
import coop.warden.adhoc.AdhocHandler;
import coop.warden.adhoc.CapCommands;
import coop.warden.rooms.Admins;
import coop.warden.rooms.RoomsFixture;
import coop.warden.rooms.Stanzas;
import coop.warden.xmpp.DiscoHandler;
import coop.warden.xmpp.ErrorCondition;
import coop.warden.xmpp.IqHandler;
import coop.warden.xmpp.IqOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dom4j.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

class BreakoutRequestsTest {
    static final String NS = "http://jabber.org/protocol/commands";
    static final String ALICE = "alice@coop.test/laptop";
    static final String BOB = "bob@coop.test/phone";

    private final BreakoutFixture f = new BreakoutFixture().withMeetingUnderWay();
    private final RoomsFixture rooms = new RoomsFixture();
    private final AdhocHandler adhoc;
    private final List<IqHandler> iqs;

    BreakoutRequestsTest() {
        List<AdhocCommand> commands = new ArrayList<>(CapCommands.all(rooms.module.admin()));
        commands.addAll(BreakoutCommands.all(f.service, f.mainRooms, f.config));
        adhoc = new AdhocHandler(Admins.of(List.of("admin@coop.test")), commands, f.clock);
        iqs = BreakoutIqHandlers.create(f.service, f.mainRooms, f.config);
    }

    @AfterEach
    void tearDown() {
        rooms.close();
    }

    private IqOutcome command(String from, String node, String action, String session, String payload) throws Exception {
        String xml = "<iq type='set' id='c1' from='" + from + "' to='warden.coop.test'><command xmlns='" + NS
                + "' node='" + node + "' action='" + action + "'" + (session == null ? "" : " sessionid='" + session + "'")
                + ">" + (payload == null ? "" : payload) + "</command></iq>";
        return adhoc.handle(Stanzas.iq(xml)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private IqOutcome run(String from, String node, Map<String, String> values) throws Exception {
        IqOutcome started = command(from, node, "execute", null, null);
        if (!(started instanceof IqOutcome.Result r)) {
            return started;
        }
        StringBuilder x = new StringBuilder("<x xmlns='jabber:x:data' type='submit'>");
        values.forEach((var, value) -> x.append("<field var='").append(var).append("'><value>").append(value)
                .append("</value></field>"));
        return command(from, node, "complete", r.payload().attributeValue("sessionid"), x.append("</x>").toString());
    }

    private static ErrorCondition error(IqOutcome o) {
        assertThat(o).isInstanceOf(IqOutcome.Failure.class);
        return ((IqOutcome.Failure) o).condition();
    }

    @Test
    void everyoneSeesTheBreakoutCommandsButOnlyAdminsSeeTheCapCommands() {
        JID self = new JID("warden.coop.test");
        List<String> forBob = adhoc.items(AdhocHandler.NAMESPACE, new JID(BOB), self).orElseThrow().stream()
                .map(DiscoHandler.Item::node).toList();
        assertThat(forBob).contains("warden#breakout-open", "warden#breakout-status").doesNotContain("warden#set-room-cap");
        List<String> forAdmin = adhoc.items(AdhocHandler.NAMESPACE, new JID("admin@coop.test/x"), self).orElseThrow()
                .stream().map(DiscoHandler.Item::node).toList();
        assertThat(forAdmin).contains("warden#breakout-open", "warden#set-room-cap");
    }

    @Test
    void aModeratorOpensRoomsWithTheFormAndReadsTheStatusInTheNote() throws Exception {
        IqOutcome done = run(ALICE, "warden#breakout-open", Map.of("meeting", MAIN.toBareJID(), "count", "2",
                "duration", "15"));
        Element cmd = ((IqOutcome.Result) done).payload();
        assertThat(cmd.attributeValue("status")).isEqualTo("completed");
        assertThat(cmd.elementText("note")).startsWith(MAIN + ": 2 breakout rooms, closing in 15 min")
                .contains("1. Breakout room 1 (standup-1@breakout.coop.test): nobody");
        assertThat(f.meetings.byMain(MAIN).orElseThrow().openRooms()).hasSize(2);
    }

    @Test
    void aNonModeratorIsForbiddenAndBadInputIsABadPayloadThatChangesNothing() throws Exception {
        assertThat(error(run(BOB, "warden#breakout-open", Map.of("meeting", MAIN.toBareJID(), "count", "2"))))
                .isEqualTo(ErrorCondition.FORBIDDEN);
        assertThat(error(run(BOB, "warden#set-room-cap", Map.of()))).isEqualTo(ErrorCondition.FORBIDDEN);
        IqOutcome bad = run(ALICE, "warden#breakout-open", Map.of("meeting", MAIN.toBareJID(), "count", "two"));
        assertThat(error(bad)).isEqualTo(ErrorCondition.BAD_REQUEST);
        assertThat(((IqOutcome.Failure) bad).text()).isEqualTo("“How many rooms” must be a whole number, not “two”.");
        IqOutcome breakoutHost = run(ALICE, "warden#breakout-status", Map.of("meeting", "standup-1@breakout.coop.test"));
        assertThat(((IqOutcome.Failure) breakoutHost).text()).contains("is a breakout room; give its meeting's main room");
        assertThat(f.meetings.byMain(MAIN)).isEmpty();
    }

    private IqOutcome iq(String from, String type, String element, String attributes, String children)
            throws Exception {
        IqHandler h = iqs.stream().filter(x -> x.element().equals(element)).findFirst().orElseThrow();
        String xml = "<iq type='" + type + "' id='b1' from='" + from + "' to='warden.coop.test'><" + element
                + " xmlns='urn:warden:breakout:1' " + attributes + ">" + children + "</" + element + "></iq>";
        return h.handle(Stanzas.iq(xml)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aWebClientOpensNamedRoomsAndGetsTheMeetingBack() throws Exception {
        IqOutcome o = iq(ALICE, "set", "create", "meeting='" + MAIN + "' duration='300'",
                "<room name='Design'/><room name='Ops'/>");
        Element meeting = ((IqOutcome.Result) o).payload();
        assertThat(meeting.getQName().getNamespaceURI()).isEqualTo("urn:warden:breakout:1");
        assertThat(meeting.attributeValue("jid")).isEqualTo(MAIN.toBareJID());
        assertThat(meeting.attributeValue("remaining")).isEqualTo("300");
        List<Element> listed = meeting.elements("room");
        assertThat(listed).extracting(e -> e.attributeValue("name")).containsExactly(null, "Design", "Ops");
        assertThat(listed.get(0).attributeValue("main")).isEqualTo("true");
        assertThat(listed.get(0).elements("occupant")).extracting(e -> e.attributeValue("nick"))
                .containsExactly("alice", "bob", "carol");

        IqOutcome assigned = iq(ALICE, "set", "assign", "meeting='" + MAIN + "' participant='bob' room='Ops'", "");
        Element a = ((IqOutcome.Result) assigned).payload().element("assignment");
        assertThat(a.attributeValue("participant")).isEqualTo("bob@coop.test");
        assertThat(a.attributeValue("present")).isEqualTo("false");
    }

    @Test
    void errorsCarryTheConditionAndATextAndChangeNothing() throws Exception {
        assertThat(error(iq("conference.coop.test", "set", "create", "meeting='" + MAIN + "' count='1'", "")))
                .isEqualTo(ErrorCondition.FORBIDDEN);
        assertThat(error(iq(BOB, "set", "create", "meeting='" + MAIN + "' count='1'", "")))
                .isEqualTo(ErrorCondition.FORBIDDEN);
        assertThat(error(iq(ALICE, "set", "create", "meeting='" + MAIN + "' count='9'", "")))
                .isEqualTo(ErrorCondition.NOT_ACCEPTABLE);
        assertThat(error(iq(ALICE, "set", "create", "meeting='" + MAIN + "'", ""))).isEqualTo(ErrorCondition.BAD_REQUEST);
        assertThat(error(iq(ALICE, "set", "create", "meeting='not a jid@@'", "")))
                .isEqualTo(ErrorCondition.BAD_REQUEST);
        assertThat(error(iq(ALICE, "set", "close", "meeting='" + MAIN + "'", "")))
                .isEqualTo(ErrorCondition.ITEM_NOT_FOUND);
        assertThat(error(iq(ALICE, "set", "set-duration", "meeting='" + MAIN + "' seconds='-1'", "")))
                .isEqualTo(ErrorCondition.BAD_REQUEST);
        assertThat(f.store.writes).isZero();
        assertThat(iqs).allSatisfy(h -> assertThat(h.namespace()).isEqualTo("urn:warden:breakout:1"));
        assertThat(iqs.stream().filter(h -> h.element().equals("status")).findFirst().orElseThrow()
                .accepts(IQ.Type.get)).isTrue();
    }
}
