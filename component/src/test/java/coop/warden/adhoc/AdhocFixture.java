// An AdhocHandler with the cap commands over a real SQLite store, and helpers to drive it.
package coop.warden.adhoc;

import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.rooms.FakeClock;
import coop.warden.rooms.RoomsFixture;
import coop.warden.rooms.Stanzas;
import coop.warden.rooms.TestConfigs;
import coop.warden.store.SqliteStore;
import coop.warden.xmpp.IqOutcome;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dom4j.Element;
import org.xmpp.packet.IQ;

final class AdhocFixture implements AutoCloseable {
    static final String ADMIN = "admin@coop.test/laptop";
    static final String NS = "http://jabber.org/protocol/commands";

    final SqliteStore store;
    final RoomsFixture rooms;
    final AdhocHandler handler;

    private AdhocFixture(SqliteStore store, RoomsFixture rooms) {
        this.store = store;
        this.rooms = rooms;
        this.handler = new AdhocHandler(rooms.module.admins(), CapCommands.all(rooms.module.admin()), rooms.clock);
    }

    static AdhocFixture open(Path dir, String config) {
        SqliteStore store = SqliteStore.open(dir.resolve("warden.db"), new FakeClock());
        return new AdhocFixture(store, new RoomsFixture(TestConfigs.with(config), store));
    }

    IqOutcome send(String from, String node, String action, String sessionId, String payload) throws Exception {
        StringBuilder xml = new StringBuilder("<iq type='set' id='c1' from='" + from + "' to='warden.coop.test'>"
                + "<command xmlns='" + NS + "' node='" + node + "'");
        if (action != null) {
            xml.append(" action='").append(action).append("'");
        }
        if (sessionId != null) {
            xml.append(" sessionid='").append(sessionId).append("'");
        }
        xml.append(">").append(payload == null ? "" : payload).append("</command></iq>");
        IQ iq = Stanzas.iq(xml.toString());
        return handler.handle(iq).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    IqOutcome execute(String from, String node) throws Exception {
        return send(from, node, "execute", null, null);
    }

    /** Runs {@code node} as the admin: execute, then submit {@code values}. */
    IqOutcome submit(String node, Map<String, String> values) throws Exception {
        Element executing = command(execute(ADMIN, node));
        assertThat(executing.attributeValue("status")).isEqualTo("executing");
        return send(ADMIN, node, "complete", executing.attributeValue("sessionid"), form(values));
    }

    static String form(Map<String, String> values) {
        StringBuilder x = new StringBuilder("<x xmlns='jabber:x:data' type='submit'>");
        values.forEach((var, value) -> x.append("<field var='").append(var).append("'><value>")
                .append(value).append("</value></field>"));
        return x.append("</x>").toString();
    }

    static Element command(IqOutcome outcome) {
        assertThat(outcome).isInstanceOf(IqOutcome.Result.class);
        Element cmd = ((IqOutcome.Result) outcome).payload();
        assertThat(cmd.getName()).isEqualTo("command");
        assertThat(cmd.getNamespaceURI()).isEqualTo(NS);
        return cmd;
    }

    static String note(IqOutcome outcome) {
        Element cmd = command(outcome);
        assertThat(cmd.attributeValue("status")).isEqualTo("completed");
        return cmd.elementText("note");
    }

    @Override
    public void close() {
        rooms.close();
        store.close();
    }
}
