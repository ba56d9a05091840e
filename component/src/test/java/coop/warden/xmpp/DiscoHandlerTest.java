package coop.warden.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.adhoc.AdhocHandler;
import coop.warden.adhoc.CapCommands;
import coop.warden.rooms.RoomsFixture;
import coop.warden.rooms.Stanzas;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dom4j.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;

class DiscoHandlerTest {
    static final String ADMIN = "admin@coop.test/laptop";
    static final String USER = "alice@coop.test/phone";

    final RoomsFixture rooms = new RoomsFixture();
    final AdhocHandler adhoc = new AdhocHandler(rooms.module.admins(), CapCommands.all(rooms.module.admin()),
            rooms.clock);
    final DiscoHandler disco = new DiscoHandler("Warden", List.of("urn:xmpp:ping"), List.of(adhoc));

    @AfterEach
    void stop() {
        rooms.close();
    }

    IqOutcome ask(String namespace, String from, String to, String node) throws Exception {
        IQ iq = Stanzas.iq("<iq type='get' id='d1' from='" + from + "' to='" + to + "'><query xmlns='" + namespace
                + "'" + (node == null ? "" : " node='" + node + "'") + "/></iq>");
        IqHandler handler = disco.handlers().stream().filter(h -> h.namespace().equals(namespace)).findFirst()
                .orElseThrow();
        assertThat(handler.accepts(IQ.Type.get)).isTrue();
        assertThat(handler.accepts(IQ.Type.set)).isFalse();
        return handler.handle(iq).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static Element query(IqOutcome outcome) {
        assertThat(outcome).isInstanceOf(IqOutcome.Result.class);
        return ((IqOutcome.Result) outcome).payload();
    }

    @Test
    void theComponentIsAGenericComponentNamedWardenWithTheCommandsFeature() throws Exception {
        Element q = query(ask(DiscoHandler.INFO, USER, "warden.coop.test", null));
        Element identity = q.element("identity");
        assertThat(identity.attributeValue("category")).isEqualTo("component");
        assertThat(identity.attributeValue("type")).isEqualTo("generic");
        assertThat(identity.attributeValue("name")).isEqualTo("Warden");
        assertThat(q.elements("feature")).extracting(e -> e.attributeValue("var")).contains(
                "http://jabber.org/protocol/disco#info", "http://jabber.org/protocol/disco#items",
                "http://jabber.org/protocol/commands", "jabber:x:data", "urn:xmpp:ping");
    }

    @Test
    void adminsSeeTheCommandList() throws Exception {
        Element q = query(ask(DiscoHandler.ITEMS, ADMIN, "warden.coop.test", AdhocHandler.NAMESPACE));
        assertThat(q.attributeValue("node")).isEqualTo(AdhocHandler.NAMESPACE);
        assertThat(q.elements("item")).hasSize(6).allSatisfy(
                i -> assertThat(i.attributeValue("jid")).isEqualTo("warden.coop.test"));
        assertThat(q.elements("item")).extracting(i -> i.attributeValue("name")).contains("Set a room's cap");
    }

    @Test
    void othersSeeAnEmptyCommandList() throws Exception {
        Element q = query(ask(DiscoHandler.ITEMS, USER, "warden.coop.test", AdhocHandler.NAMESPACE));
        assertThat(q.elements()).isEmpty();
    }

    @Test
    void commandNodesDescribeThemselvesToAdminsOnly() throws Exception {
        Element q = query(ask(DiscoHandler.INFO, ADMIN, "warden.coop.test", "warden#set-room-cap"));
        assertThat(q.element("identity").attributeValue("category")).isEqualTo("automation");
        assertThat(q.element("identity").attributeValue("type")).isEqualTo("command-node");
        assertThat(q.elements("feature")).extracting(e -> e.attributeValue("var"))
                .contains("http://jabber.org/protocol/commands", "jabber:x:data");
        IqOutcome hidden = ask(DiscoHandler.INFO, USER, "warden.coop.test", "warden#set-room-cap");
        assertThat(((IqOutcome.Failure) hidden).condition()).isEqualTo(ErrorCondition.ITEM_NOT_FOUND);
    }

    @Test
    void unknownNodesAndOtherJidsAreItemNotFound() throws Exception {
        for (String ns : List.of(DiscoHandler.INFO, DiscoHandler.ITEMS)) {
            assertThat(((IqOutcome.Failure) ask(ns, ADMIN, "warden.coop.test", "nope")).condition())
                    .isEqualTo(ErrorCondition.ITEM_NOT_FOUND);
            assertThat(((IqOutcome.Failure) ask(ns, ADMIN, "someone@warden.coop.test", null)).condition())
                    .isEqualTo(ErrorCondition.ITEM_NOT_FOUND);
        }
        assertThat(query(ask(DiscoHandler.ITEMS, USER, "warden.coop.test", null)).elements()).isEmpty();
    }

    @Test
    void theWireFormKeepsNamespacesRight() throws Exception {
        IQ request = Stanzas.iq("<iq type='set' id='c1' from='" + ADMIN + "' to='warden.coop.test'>"
                + "<command xmlns='http://jabber.org/protocol/commands' node='warden#list-rooms'"
                + " action='execute'/></iq>");
        IQ reply = IqRouter.toReply(request, adhoc.handle(request).toCompletableFuture().get(10, TimeUnit.SECONDS));
        IQ reparsed = Stanzas.iq(reply.toXML());
        Element cmd = reparsed.getChildElement();
        assertThat(cmd.getNamespaceURI()).isEqualTo("http://jabber.org/protocol/commands");
        Element x = cmd.element(org.dom4j.QName.get("x", "jabber:x:data"));
        assertThat(x).isNotNull();
        assertThat(x.element(org.dom4j.QName.get("reported", "jabber:x:data"))).isNotNull();
        assertThat(reply.getTo().toString()).isEqualTo(ADMIN);
    }
}
