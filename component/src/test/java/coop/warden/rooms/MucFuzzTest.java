package coop.warden.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.store.Cap;
import coop.warden.xmpp.IqRouter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/**
 * Random and mutated urn:warden:muc:1 traffic: requests from the MUC host (and from anyone else)
 * through the router, and sync answers from Prosody. Every request gets exactly one answer at once,
 * a decision or an error the protocol documents; a refused request leaves the ledger as it was; no
 * request touches the store; a sync answer, however mangled, ends the sync one way or the other and
 * leaves only well-formed seats on the host it came from. Seeded, like AuthFuzzTest.
 */
class MucFuzzTest {
    private static final long SEED = 0x5EED_0045L;
    private static final int CASES = 2500;
    private static final int SYNCS = 300;
    private static final String NS = "urn:warden:muc:1";
    private static final String HOST = RulesFixture.HOST;

    private final Random random = new Random(SEED);
    private final Hostile hostile = new Hostile(random);
    private final List<Packet> replies = new ArrayList<>();
    private final RulesFixture f;
    private final IqRouter router = new IqRouter(Runnable::run, replies::add);

    MucFuzzTest() throws Exception {
        f = new RulesFixture("");
        JID admin = new JID("admin@coop.test");
        f.store.setRoomCap(new JID("r0@" + HOST), Optional.of(Cap.seats(1)), admin);
        f.store.setRoomCap(new JID("r1@" + HOST), Optional.of(Cap.seats(2)), admin);
        f.store.setRoomCap(new JID("r2@" + HOST), Optional.of(Cap.unlimited()), admin);
        f.module.handlers().forEach(router::register);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void randomAndMutatedRequestsAreAnsweredOnceAndRefusedOnesChangeNothing() {
        Map<String, Integer> seen = new TreeMap<>();
        String store = store();
        for (int i = 0; i < CASES; i++) {
            IQ iq = request();
            String what = "case " + i + " (seed " + SEED + "): " + shorten(iq.toXML());
            String before = ledger();
            replies.clear();
            router.route(iq);

            assertThat(replies).as("exactly one answer, at once: %s", what).hasSize(1);
            IQ reply = (IQ) replies.get(0);
            assertThat(reply.getID()).as(what).isEqualTo(iq.getID());
            if (reply.getType() == IQ.Type.error) {
                assertThat(reply.getError().getCondition()).as(what).isIn(PacketError.Condition.bad_request,
                        PacketError.Condition.forbidden, PacketError.Condition.service_unavailable);
                assertThat(ledger()).as("a refused request changes nothing: %s", what).isEqualTo(before);
                seen.merge(reply.getError().getCondition().toXMPP(), 1, Integer::sum);
            } else {
                assertThat(reply.getType()).as(what).isEqualTo(IQ.Type.result);
                Element payload = reply.getChildElement();
                String kind = iq.getChildElement().getName();
                if (kind.equals("create") || kind.equals("join")) {
                    assertThat(payload.getQName()).as(what).isEqualTo(QName.get("decision", NS));
                    assertThat(payload.attributeValue("allow")).as(what).isIn("true", "false");
                    seen.merge(kind + " allow=" + payload.attributeValue("allow"), 1, Integer::sum);
                } else {
                    assertThat(payload).as("notifications are answered with an empty result: %s", what).isNull();
                    seen.merge(kind, 1, Integer::sum);
                }
            }
            assertThat(store()).as("MUC requests never touch the store: %s", what).isEqualTo(store);
        }
        assertThat(seen).as("answers seen").containsKeys("bad-request", "forbidden", "service-unavailable",
                "join allow=true", "join allow=false", "create allow=true", "joined", "left", "destroyed");
    }

    @Test
    void mangledSyncAnswersEndTheSyncAndLeaveOnlyWellFormedSeats() throws Exception {
        Map<String, Integer> seen = new TreeMap<>();
        for (int i = 0; i < SYNCS; i++) {
            f.module.onLinkUp();
            FakeRequester.Pending p = f.requester.next();
            assertThat(p.request().getChildElement().getName()).isEqualTo("sync");
            IQ answer = syncAnswer(p.request());
            String what = "sync " + i + " (seed " + SEED + "): " + shorten(answer.toXML());
            p.answer().complete(answer);

            CompletableFuture<Boolean> synced = f.module.whenSynced(new JID(HOST));
            assertThat(synced).as("the sync has ended: %s", what).isDone();
            seen.merge("synced=" + synced.join(), 1, Integer::sum);
            for (RoomView view : f.module.admin().rooms()) {
                assertThat(view.room().getDomain()).as(what).isEqualTo(HOST);
                assertThat(view.room().getNode()).as(what).isNotNull();
                assertThat(view.room().getResource()).as(what).isNull();
            }
            // The host still answers joins: decided, or refused as "starting" when the sync failed.
            replies.clear();
            router.route(Stanzas.muc(HOST, "join", RoomsFixture.attrs("r0", "alice")));
            assertThat(replies).as(what).hasSize(1);
            Element decision = ((IQ) replies.get(0)).getChildElement();
            assertThat(decision.getQName()).as(what).isEqualTo(QName.get("decision", NS));
            if (!synced.join()) {
                assertThat(decision.elementText(QName.get("text", NS))).as(what)
                        .isEqualTo("The room policy service is starting; try again shortly.");
            }
        }
        assertThat(seen).as("both ends seen").containsKeys("synced=true", "synced=false");
    }

    private IQ request() {
        String element = hostile.chance(92) ? hostile.pick("create", "join", "join", "joined", "left", "destroyed")
                : hostile.pick("sync", "affiliate", "decision", "JOIN", "check");
        String from = hostile.chance(85) ? HOST
                : hostile.pick("coop.test", "alice@coop.test/x", HOST + "/res", "other.test", "breakout.coop.test");
        IQ iq = new IQ(hostile.chance(95) ? IQ.Type.set : IQ.Type.get);
        iq.setID("m" + random.nextInt(1_000_000));
        iq.setFrom(new JID(from));
        iq.setTo(new JID("warden.coop.test"));
        Element child = iq.setChildElement(element, hostile.chance(95) ? NS : hostile.pick("", "urn:warden:muc:2"));
        String room = hostile.roomish();
        if (!hostile.chance(5)) {
            child.addAttribute("room", room);
        }
        if (!hostile.chance(5)) {
            child.addAttribute("occupant", hostile.personish());
        }
        if (hostile.chance(90)) {
            child.addAttribute("nick", hostile.chance(85) ? room + "/" + hostile.pick("Alice", "Bob", "n", "")
                    : hostile.text());
        }
        if (hostile.chance(10)) {
            child.addAttribute("emptied", hostile.pick("true", "false", hostile.text()));
        }
        for (int j = hostile.upTo(2); j > 0 && hostile.chance(15); j--) {
            child.add(hostile.junk(1));
        }
        return iq;
    }

    /** Prosody's answer to {@code request}, often mangled: wrong sender, an error, junk rooms and occupants. */
    private IQ syncAnswer(IQ request) {
        IQ answer = IQ.createResultIQ(request);
        if (hostile.chance(8)) {
            answer.setFrom(new JID(hostile.pick("other.test", "coop.test", HOST + "/x", "alice@coop.test/x")));
        }
        if (hostile.chance(8)) {
            answer.setType(IQ.Type.error);
            answer.setError(PacketError.Condition.forbidden);
            return answer;
        }
        if (hostile.chance(5)) {
            return answer; // no payload at all
        }
        Element sync = answer.setChildElement(hostile.chance(95) ? "sync" : "junk", hostile.chance(95) ? NS : "urn:x");
        for (int r = hostile.upTo(4); r > 0; r--) {
            Element room = sync.addElement(QName.get(hostile.chance(95) ? "room" : "x", NS));
            if (!hostile.chance(5)) {
                room.addAttribute("jid", hostile.roomish());
            }
            for (int o = hostile.upTo(hostile.chance(5) ? 40 : 3); o > 0; o--) {
                Element occupant = room.addElement(QName.get("occupant", NS));
                if (!hostile.chance(5)) {
                    occupant.addAttribute("jid", hostile.personish());
                }
                if (!hostile.chance(10)) {
                    occupant.addAttribute("nick", hostile.chance(80) ? room.attributeValue("jid") + "/" + hostile.text()
                            : hostile.text());
                }
                if (hostile.chance(60)) {
                    occupant.addAttribute("affiliation",
                            hostile.pick("owner", "member", "none", "outcast", hostile.text()));
                }
                if (hostile.chance(5)) {
                    occupant.add(hostile.junk(2));
                }
            }
        }
        if (hostile.chance(10)) {
            sync.add(hostile.junk(1));
        }
        return answer;
    }

    /** Every seat, as the admin commands would show it. */
    private String ledger() {
        StringBuilder s = new StringBuilder();
        for (RoomView view : f.module.admin().rooms()) {
            s.append(view.room()).append(view.occupants()).append('\n');
        }
        return s.toString();
    }

    private String store() {
        return new TreeMap<>(f.store.roomCaps()) + " " + f.store.defaultCap() + " " + f.store.roomRules() + " "
                + f.store.defaultRules() + " " + f.store.moderatorLists() + " " + f.store.recentChanges(1000).size();
    }

    private static String shorten(String xml) {
        return xml.length() > 600 ? xml.substring(0, 600) + "…" : xml;
    }
}
