// A RoomsModule on a fake clock and scheduler, with helpers to play Prosody's side of urn:warden:muc:1.
package coop.warden.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.xmpp.IqOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * People are named by their real full JID ({@code alice@coop.test/dev}); their nick in a room is
 * the JID's node. Rooms are named by their node on {@link #HOST}.
 */
final class RulesFixture implements AutoCloseable {
    static final String HOST = "conference.coop.test";

    final FakeClock clock = new FakeClock();
    final FakeScheduler scheduler = new FakeScheduler(clock);
    final FakeRequester requester = new FakeRequester();
    final MemoryStore store = new MemoryStore();
    final RoomsModule module;

    RulesFixture(String config) throws Exception {
        module = new RoomsModule(TestConfigs.with(config), store, clock, requester, scheduler);
        module.onLinkUp();
        answerSync("");
    }

    /** Answers the pending sync with {@code roomsXml} (room elements, as mod_warden_muc sends them). */
    void answerSync(String roomsXml) throws Exception {
        FakeRequester.Pending p = requester.next();
        assertThat(p.request().getChildElement().getName()).isEqualTo("sync");
        IQ answer = IQ.createResultIQ(p.request());
        answer.setChildElement(Stanzas.element("<sync xmlns='urn:warden:muc:1'>" + roomsXml + "</sync>"));
        p.answer().complete(answer);
        assertThat(module.whenSynced(new JID(HOST)).get(10, TimeUnit.SECONDS)).isTrue();
    }

    Element create(String room, String person) throws Exception {
        return RoomsFixture.decision(send("create", "room='" + room + "@" + HOST + "' occupant='" + person + "'"));
    }

    Element join(String room, String person) throws Exception {
        return RoomsFixture.decision(send("join", attrs(room, person)));
    }

    /** join and, when allowed, joined: what a successful MUC join looks like to Warden. */
    Element enter(String room, String person) throws Exception {
        return enter(room, person, new JID(person).getNode());
    }

    Element enter(String room, String person, String nick) throws Exception {
        Element decision = RoomsFixture.decision(send("join", attrs(room, person, nick)));
        if (RoomsFixture.allowed(decision)) {
            assertThat(send("joined", attrs(room, person, nick))).isEqualTo(IqOutcome.empty());
        }
        return decision;
    }

    /** create, then the creator's enter, as mod_warden_muc asks them. */
    Element open(String room, String person) throws Exception {
        Element created = create(room, person);
        return RoomsFixture.allowed(created) ? enter(room, person) : created;
    }

    void leave(String room, String person) throws Exception {
        assertThat(send("left", attrs(room, person))).isEqualTo(IqOutcome.empty());
    }

    void destroyed(String room) throws Exception {
        assertThat(send("destroyed", "room='" + room + "@" + HOST + "'")).isEqualTo(IqOutcome.empty());
    }

    /** The {@code <affiliate/>} requests sent to the MUC host since the last call, as "jid affiliation room". */
    List<String> affiliations() throws Exception {
        List<String> sent = new ArrayList<>();
        while (!requester.nothingPending()) {
            FakeRequester.Pending p = requester.next();
            Element a = p.request().getChildElement();
            assertThat(a.getName()).isEqualTo("affiliate");
            assertThat(a.getNamespaceURI()).isEqualTo("urn:warden:muc:1");
            assertThat(p.request().getTo()).isEqualTo(new JID(HOST));
            assertThat(p.request().getType()).isEqualTo(IQ.Type.set);
            sent.add(a.attributeValue("jid") + " " + a.attributeValue("affiliation") + " "
                    + new JID(a.attributeValue("room")).getNode());
            p.answer().complete(IQ.createResultIQ(p.request()));
        }
        return sent;
    }

    private IqOutcome send(String element, String attributes) throws Exception {
        return module.handlers().stream().filter(h -> h.element().equals(element)).findFirst().orElseThrow()
                .handle(Stanzas.muc(HOST, element, attributes)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String attrs(String room, String person) {
        return attrs(room, person, new JID(person).getNode());
    }

    private static String attrs(String room, String person, String nick) {
        return "room='" + room + "@" + HOST + "' occupant='" + person + "' nick='" + room + "@" + HOST + "/" + nick + "'";
    }

    @Override
    public void close() {
        module.close();
    }
}
