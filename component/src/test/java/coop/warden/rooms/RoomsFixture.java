// A RoomsModule wired with fakes, plus helpers to send MUC requests and sync answers.
package coop.warden.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import coop.warden.metrics.JoinMetrics;
import coop.warden.store.PolicyStore;
import coop.warden.xmpp.IqHandler;
import coop.warden.xmpp.IqOutcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

public final class RoomsFixture implements AutoCloseable {
    public static final String HOST = "conference.coop.test";
    public static final JID HOST_JID = new JID(HOST);

    public final FakeClock clock = new FakeClock();
    public final FakeRequester requester = new FakeRequester();
    public final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    public final PolicyStore store;
    public final RoomsModule module;

    public RoomsFixture(Config config, PolicyStore store) {
        this(config, store, JoinMetrics.unregistered());
    }

    public RoomsFixture(Config config, PolicyStore store, JoinMetrics joins) {
        this.store = store;
        this.module = new RoomsModule(config, store, clock, requester, scheduler, joins);
    }

    public RoomsFixture() {
        this(TestConfigs.base(), new MemoryStore());
    }

    /** Link up, and Prosody answers the sync with {@code roomsXml} (room elements). */
    public void sync(String roomsXml) throws Exception {
        module.onLinkUp();
        answerSync(roomsXml);
        assertThat(module.whenSynced(HOST_JID).get(10, TimeUnit.SECONDS)).isTrue();
    }

    public void answerSync(String roomsXml) throws Exception {
        FakeRequester.Pending p = requester.next();
        IQ answer = IQ.createResultIQ(p.request()); // from = the request's to, the MUC host
        answer.setChildElement(Stanzas.element("<sync xmlns='urn:warden:muc:1'>" + roomsXml + "</sync>"));
        p.answer().complete(answer);
    }

    public IqHandler handler(String element) {
        return module.handlers().stream().filter(h -> h.element().equals(element)).findFirst().orElseThrow();
    }

    public CompletableFuture<IqOutcome> send(String from, String element, String attributes) {
        return handler(element).handle(Stanzas.muc(from, element, attributes)).toCompletableFuture();
    }

    public IqOutcome sendNow(String element, String attributes) throws Exception {
        return send(HOST, element, attributes).get(10, TimeUnit.SECONDS);
    }

    /** Sends a join for {@code name} to {@code room} and returns the decision element. */
    public Element join(String room, String name) throws Exception {
        return decision(sendNow("join", attrs(room, name)));
    }

    public void joined(String room, String name) throws Exception {
        assertThat(sendNow("joined", attrs(room, name))).isEqualTo(IqOutcome.empty());
    }

    public void left(String room, String name) throws Exception {
        assertThat(sendNow("left", attrs(room, name))).isEqualTo(IqOutcome.empty());
    }

    public static String attrs(String room, String name) {
        return "room='" + room + "@" + HOST + "' occupant='" + name + "@coop.test/dev' nick='" + room + "@" + HOST
                + "/" + name + "'";
    }

    public static Element decision(IqOutcome outcome) {
        assertThat(outcome).isInstanceOf(IqOutcome.Result.class);
        Element e = ((IqOutcome.Result) outcome).payload();
        assertThat(e.getName()).isEqualTo("decision");
        assertThat(e.getNamespaceURI()).isEqualTo("urn:warden:muc:1");
        return e;
    }

    public static boolean allowed(Element decision) {
        return "true".equals(decision.attributeValue("allow"));
    }

    @Override
    public void close() {
        module.close();
        scheduler.shutdownNow();
    }
}
