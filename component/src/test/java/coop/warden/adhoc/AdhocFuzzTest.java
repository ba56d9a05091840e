package coop.warden.adhoc;

import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.rooms.Hostile;
import coop.warden.xmpp.IqRouter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/**
 * Random and mutated XEP-0050 requests to the cap and rule commands, through the router, over a
 * real SQLite store. Every request gets exactly one answer, at once, of a kind the commands give;
 * and only a completed admin command may change what the store holds, each change with its one
 * change-log row. Seeded: a failure names its seed and case, and reruns the same way.
 */
class AdhocFuzzTest {
    private static final long SEED = 0x5EED_0050L;
    private static final int CASES = 3000;
    private static final String NS = AdhocFixture.NS;
    private static final String ADMIN = AdhocFixture.ADMIN;
    private static final Set<String> WRITES = Set.of("warden#set-room-cap", "warden#clear-room-cap",
            "warden#set-default-cap", "warden#set-room-rules", "warden#set-room-moderators",
            "warden#set-default-rules");
    private static final String[] VARS = {"room", "cap", "rules", "moderators", "use-configured", "configured",
        "count", "FORM_TYPE", "junk"};

    @TempDir
    Path dir;
    private AdhocFixture f;
    private AdhocHandler handler;
    private final List<Packet> replies = new ArrayList<>();
    private IqRouter router;
    private final Random random = new Random(SEED);
    private final Hostile hostile = new Hostile(random);
    /** Sessions the handler opened: node and requester, so a later submission can use them. */
    private final List<String[]> sessions = new ArrayList<>();
    private int requestSize;

    @BeforeEach
    void start() throws Exception {
        f = AdhocFixture.open(dir, "warden.muc.default-cap = 10");
        f.rooms.sync("");
        List<AdhocCommand> commands = new ArrayList<>(CapCommands.all(f.rooms.module.admin()));
        commands.addAll(RuleCommands.all(f.rooms.module.rulesAdmin()));
        handler = new AdhocHandler(f.rooms.module.admins(), commands, f.rooms.clock);
        router = new IqRouter(Runnable::run, replies::add);
        router.register(handler);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void randomAndMutatedCommandsNeverCrashHangOrChangeStateUnlessAnAdminCompletesOne() throws Exception {
        Map<String, Integer> seen = new TreeMap<>();
        for (int i = 0; i < CASES; i++) {
            IQ iq = request();
            String xml = iq.toXML();
            String what = "case " + i + " (seed " + SEED + "): "
                    + (xml.length() > 600 ? xml.substring(0, 600) + "…" : xml);
            String before = state();
            int changes = f.store.recentChanges(10_000).size();
            replies.clear();
            router.route(iq);

            assertThat(replies).as("exactly one answer, at once: %s", what).hasSize(1);
            IQ reply = (IQ) replies.get(0);
            assertThat(reply.getID()).as(what).isEqualTo(iq.getID());
            assertThat(reply.getTo()).as(what).isEqualTo(iq.getFrom());
            String outcome = outcome(reply, what);
            seen.merge(outcome, 1, Integer::sum);
            Element cmd = iq.getChildElement();
            boolean byAdmin = iq.getFrom().toBareJID().equals("admin@coop.test");
            boolean mayChange = outcome.equals("completed") && byAdmin && WRITES.contains(cmd.attributeValue("node"));
            if (!mayChange || before.equals(state())) {
                assertThat(state()).as("nothing changed: %s", what).isEqualTo(before);
                assertThat(f.store.recentChanges(10_000)).as(what).hasSize(changes);
            } else {
                assertThat(f.store.recentChanges(10_000)).as("one change-log row per change: %s", what)
                        .hasSize(changes + 1);
            }
        }
        // Not vacuous: the inputs reached every kind of answer, and some changed the store.
        assertThat(seen).as("answers seen").containsKeys("executing", "completed", "canceled", "bad-request",
                "forbidden", "item-not-found", "service-unavailable");
        assertThat(f.store.recentChanges(10_000)).as("valid submissions were among them").isNotEmpty();
    }

    /** "executing", "completed", "canceled", or the error condition; fails on anything the commands never answer. */
    private String outcome(IQ reply, String what) {
        if (reply.getType() == IQ.Type.error) {
            PacketError error = reply.getError();
            assertThat(error.getCondition()).as(what).isIn(PacketError.Condition.bad_request,
                    PacketError.Condition.forbidden, PacketError.Condition.item_not_found,
                    PacketError.Condition.service_unavailable);
            assertThat(reply.toXML().length()).as("an error no bigger than the request and a bit: %s", what)
                    .isLessThan(requestSize + 8_192);
            return error.getCondition().toXMPP();
        }
        assertThat(reply.getType()).as(what).isEqualTo(IQ.Type.result);
        Element cmd = reply.getChildElement();
        assertThat(cmd.getQName()).as(what).isEqualTo(QName.get("command", NS));
        String status = cmd.attributeValue("status");
        assertThat(status).as(what).isIn("executing", "completed", "canceled");
        if (status.equals("executing")) {
            sessions.add(new String[] {cmd.attributeValue("node"), cmd.attributeValue("sessionid"),
                reply.getTo().toString()});
        }
        return status;
    }

    private String state() {
        return new TreeMap<>(f.store.roomCaps()) + " " + f.store.defaultCap() + " " + new TreeMap<>(f.store.roomRules())
                + " " + f.store.defaultRules() + " " + new TreeMap<>(f.store.moderatorLists());
    }

    private IQ request() {
        IQ iq = new IQ(hostile.chance(90) ? IQ.Type.set : IQ.Type.get);
        iq.setID("f" + random.nextInt(1_000_000));
        boolean resume = !sessions.isEmpty() && hostile.chance(45);
        String[] session = resume ? sessions.get(random.nextInt(sessions.size())) : null;
        iq.setFrom(new JID(session != null && hostile.chance(90) ? session[2]
                : hostile.pick(ADMIN, ADMIN, ADMIN, "alice@coop.test/x", "coop.test", "admin@coop.test/other")));
        iq.setTo(new JID("warden.coop.test"));
        if (hostile.chance(5)) {
            iq.setChildElement(hostile.junk(0));
        } else if (!hostile.chance(2)) {
            Element cmd = iq.setChildElement("command", hostile.chance(95) ? NS : hostile.pick("", "urn:x-junk"));
            if (!hostile.chance(3)) {
                cmd.addAttribute("node", session != null && hostile.chance(90) ? session[0] : node());
            }
            if (hostile.chance(80)) {
                cmd.addAttribute("action", session != null ? hostile.pick("complete", "complete", "execute", "cancel",
                        "next", "prev", "Complete", "") : hostile.pick("execute", "execute", "cancel", "complete",
                        "prev", hostile.text()));
            }
            if (session != null) {
                cmd.addAttribute("sessionid", hostile.chance(90) ? session[1] : hostile.text());
            } else if (hostile.chance(10)) {
                cmd.addAttribute("sessionid", hostile.pick("", hostile.text(), "00000000-0000-0000-0000-000000000000"));
            }
            if (session != null || hostile.chance(20)) {
                form(cmd);
            }
            for (int j = hostile.upTo(2); j > 0 && hostile.chance(20); j--) {
                cmd.add(hostile.junk(1));
            }
        }
        requestSize = iq.toXML().length();
        return iq;
    }

    private String node() {
        return hostile.chance(85) ? hostile.pick("warden#set-room-cap", "warden#clear-room-cap", "warden#show-room",
                "warden#list-rooms", "warden#set-default-cap", "warden#show-changes", "warden#show-room-rules",
                "warden#set-room-rules", "warden#set-room-moderators", "warden#set-default-rules")
                : hostile.pick("", "warden#", "WARDEN#SET-ROOM-CAP", hostile.text());
    }

    /** A data form, mostly a submission with the fields the commands read, filled and mangled at random. */
    private void form(Element cmd) {
        Element x = cmd.addElement(QName.get("x", hostile.chance(95) ? "jabber:x:data" : "urn:x-junk"));
        if (!hostile.chance(5)) {
            x.addAttribute("type", hostile.chance(85) ? "submit"
                    : hostile.pick("form", "result", "cancel", "SUBMIT", "", hostile.text()));
        }
        int fields = hostile.upTo(5);
        for (int k = 0; k < fields; k++) {
            Element field = x.addElement(QName.get("field", "jabber:x:data"));
            String var = hostile.chance(90) ? hostile.pick(VARS) : hostile.text();
            if (!hostile.chance(5)) {
                field.addAttribute("var", var);
            }
            if (hostile.chance(30)) {
                field.addAttribute("type", hostile.pick("text-single", "jid-single", "jid-multi", "list-single",
                        "boolean", "hidden", "fixed", "text-multi", "fancy", ""));
            }
            int values = hostile.chance(10) ? 0 : 1 + hostile.upTo(hostile.chance(10) ? 30 : 1);
            for (int v = 0; v < values; v++) {
                Element value = field.addElement(QName.get("value", "jabber:x:data"));
                value.setText(value(var));
                if (hostile.chance(3)) {
                    value.add(hostile.junk(2));
                }
            }
            if (hostile.chance(5)) {
                field.add(hostile.junk(2));
            }
        }
        if (hostile.chance(5)) {
            cmd.add(x.createCopy());
        }
    }

    private String value(String var) {
        if (hostile.chance(25)) {
            return hostile.text();
        }
        return switch (var) {
            case "room" -> hostile.roomish();
            case "cap", "count" -> hostile.pick("0", "1", "3", "10", "none", "-1", "100001", "2.5", " 4 ", "+3");
            case "rules" -> hostile.pick("listed", "members-moderate", "first-member-owns", "default", "configured",
                    "LISTED", "owner");
            case "moderators" -> hostile.pick("alice@coop.test", "alice@coop.test bob@coop.test",
                    "guest0@guest.coop.test", "alice@coop.test/phone", "carol@coop.test,dave@coop.test",
                    "x@coop.test ".repeat(600));
            case "use-configured", "configured" -> hostile.pick("1", "true", "0", "false", "yes", "");
            default -> hostile.text();
        };
    }
}
