// Fuzzes the breakout requests (urn:warden:breakout:1 IQs and the warden#breakout-* commands), seeded.
package coop.warden.breakout;

import static coop.warden.breakout.BreakoutFixture.ADMIN;
import static coop.warden.breakout.BreakoutFixture.ALICE;
import static coop.warden.breakout.BreakoutFixture.BOB;
import static coop.warden.breakout.BreakoutFixture.CAROL;
import static coop.warden.breakout.BreakoutFixture.DAVE;
import static coop.warden.breakout.BreakoutFixture.HOST;
import static coop.warden.breakout.BreakoutFixture.MAIN;
import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.adhoc.AdhocHandler;
import coop.warden.rooms.Admins;
import coop.warden.rooms.Hostile;
import coop.warden.store.BreakoutRoomRecord;
import coop.warden.store.MeetingRecord;
import coop.warden.xmpp.IqRouter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/**
 * Random and mutated moderator requests, through the router: urn:warden:breakout:1 IQs and
 * XEP-0050 sessions of the breakout commands, from moderators, admins and everyone else, while
 * people come and go, Prosody fails now and then and deadlines pass. Every request gets exactly
 * one answer at once with its id, a status or an error the protocol documents (an exception that
 * escapes a handler would be answered internal-server-error, which fails the test); a refused
 * request, or a status one, changes neither the meetings nor the store nor the roster, and sends
 * nothing to Prosody; memory and store always agree. Seeded, like MucFuzzTest.
 */
class BreakoutFuzzTest {
    private static final long SEED = 0x5EED_0B0FL;
    private static final int CASES = 3000;
    private static final String NS = BreakoutWire.NAMESPACE;
    private static final String COMMANDS = AdhocHandler.NAMESPACE;
    private static final String DATA = "jabber:x:data";
    private static final JID R1 = new JID("r1@conference.coop.test");
    /** A main room whose node is as long as a JID allows: its breakout rooms' JIDs cannot be longer. */
    private static final JID LONG = new JID("l".repeat(1023), "conference.coop.test", null);
    /** The main rooms anyone is in, and who may be in them: what the roster can come to hold. */
    private static final List<JID> MAINS = List.of(MAIN, R1, LONG);
    private static final List<JID> PEOPLE = List.of(ALICE, BOB, CAROL, DAVE, BreakoutFixture.FOCUS);
    /** Senders: mostly alice (moderator of the main meeting) and an admin; a user without a node. */
    private static final JID[] OTHERS = {ADMIN, ADMIN, BOB, CAROL, DAVE, new JID("alice@coop.test"),
        new JID("conference.coop.test"), BreakoutFixture.FOCUS, new JID("alice@coop.test/other")};
    private static final List<String> NODES = List.of("warden#breakout-open", "warden#breakout-assign",
            "warden#breakout-rename", "warden#breakout-close", "warden#breakout-duration", "warden#breakout-status");
    private static final Map<String, List<String>> FIELDS = Map.of(
            "warden#breakout-open", List.of("meeting", "count", "names", "duration"),
            "warden#breakout-assign", List.of("meeting", "participant", "room"),
            "warden#breakout-rename", List.of("meeting", "room", "name"),
            "warden#breakout-close", List.of("meeting", "room"),
            "warden#breakout-duration", List.of("meeting", "duration"),
            "warden#breakout-status", List.of("meeting"));
    private static final Set<PacketError.Condition> DOCUMENTED = Set.of(PacketError.Condition.bad_request,
            PacketError.Condition.forbidden, PacketError.Condition.item_not_found,
            PacketError.Condition.not_acceptable, PacketError.Condition.service_unavailable);

    /** Everything a request may change: meetings in memory and in the store, store writes, the roster. */
    private record State(Map<JID, MeetingRecord> memory, Map<JID, MeetingRecord> stored, int writes,
                         Set<String> roster) {}

    private final Random random = new Random(SEED);
    private final Hostile hostile = new Hostile(random);
    private final List<Packet> replies = new ArrayList<>();
    private final IqRouter router = new IqRouter(Runnable::run, replies::add);
    private final BreakoutFixture f = new BreakoutFixture().withMeetingUnderWay();
    /** Sessions the handler opened: node, session id and requester, so a later submission can use them. */
    private final List<String[]> sessions = new ArrayList<>();
    /** The session the current request continues, if any. */
    private String[] resumed;

    BreakoutFuzzTest() {
        f.occupancy.enter(R1, BOB);
        f.occupancy.enter(R1, DAVE);
        f.occupancy.enter(LONG, CAROL);
        f.moderators.add(R1, BOB);
        BreakoutIqHandlers.create(f.service, f.mainRooms, f.config).forEach(router::register);
        router.register(new AdhocHandler(Admins.of(List.of("admin@coop.test")),
                BreakoutCommands.all(f.service, f.mainRooms, f.config), f.clock));
    }

    @Test
    void randomAndMutatedRequestsAreAnsweredOnceAndRefusedOnesChangeNothing() {
        Map<String, Integer> seen = new TreeMap<>();
        for (int i = 0; i < CASES; i++) {
            meanwhile();
            resumed = null;
            IQ iq = hostile.chance(50) ? breakoutIq() : command();
            String xml = iq.toXML();
            String what = "case " + i + " (seed " + SEED + "): "
                    + (xml.length() > 600 ? xml.substring(0, 600) + "…" : xml);
            State before = state();
            f.driver.clear();
            replies.clear();
            router.route(iq);

            assertThat(replies).as("exactly one answer, at once: %s", what).hasSize(1);
            IQ reply = (IQ) replies.get(0);
            assertThat(reply.getID()).as(what).isEqualTo(iq.getID());
            assertThat(reply.getTo()).as(what).isEqualTo(iq.getFrom());
            // The element as sent: IQ.getChildElement() skips one in no namespace.
            Element sent = iq.getElement().elements().get(0);
            boolean adhoc = COMMANDS.equals(sent.getNamespaceURI());
            String outcome = outcome(reply, xml.length(), what);
            String kind = adhoc ? "adhoc " + (outcome.equals("completed")
                    ? sent.attributeValue("node").replace("warden#breakout-", "") + " " : "")
                    : "iq " + (outcome.equals("result") ? sent.getName() + " " : "");
            seen.merge(kind + outcome, 1, Integer::sum);
            boolean badSession = reply.getError() != null
                    && "bad-sessionid".equals(reply.getError().getApplicationConditionName());
            if (resumed != null && (outcome.equals("completed") || outcome.equals("canceled") || badSession)) {
                sessions.remove(resumed); // over (or never was), as far as the handler knows
            }
            boolean changed = adhoc ? outcome.equals("completed")
                    && !sent.attributeValue("node").equals("warden#breakout-status")
                    : outcome.equals("result") && !sent.getName().equals("status");
            if (!changed) {
                assertThat(state()).as("a refused request changes nothing: %s", what).isEqualTo(before);
                assertThat(f.driver.calls).as("and asks nothing of Prosody: %s", what).isEmpty();
                assertThat(f.driver.invitations).as("and invites nobody: %s", what).isEmpty();
            }
            assertConsistent(what);
        }
        // Not vacuous: the mix reached every action's success, every documented refusal, and the store.
        assertThat(seen).as("answers seen").containsKeys("iq create result", "iq rename result", "iq assign result",
                "iq close result", "iq set-duration result", "iq status result", "iq bad-request", "iq forbidden",
                "iq item-not-found", "iq not-acceptable", "iq service-unavailable", "adhoc executing",
                "adhoc canceled", "adhoc open completed", "adhoc assign completed", "adhoc rename completed",
                "adhoc close completed", "adhoc duration completed", "adhoc status completed", "adhoc bad-request",
                "adhoc forbidden", "adhoc item-not-found");
        assertThat(f.store.writes).as("successful requests wrote to the store").isPositive();
    }

    /** What the fuzz found: the breakout room JIDs of a main room with a 1023-byte node were an uncaught exception. */
    @Test
    void aMainRoomTooLongToNameBreakoutRoomsAfterIsABadRequestThatChangesNothing() {
        IQ iq = new IQ(IQ.Type.set);
        iq.setID("long");
        iq.setFrom(ADMIN);
        iq.setTo(new JID("warden.coop.test"));
        iq.setChildElement("create", NS).addAttribute("meeting", LONG.toBareJID()).addAttribute("count", "1");
        State before = state();
        router.route(iq);

        assertThat(replies).hasSize(1);
        PacketError error = ((IQ) replies.get(0)).getError();
        assertThat(error.getCondition()).isEqualTo(PacketError.Condition.bad_request);
        assertThat(error.getText()).contains("is too long to name breakout rooms after");
        assertThat(state()).isEqualTo(before);
        assertThat(f.driver.calls).isEmpty();
    }

    /** "result", "executing", "completed", "canceled" or the error condition; fails on any other answer. */
    private String outcome(IQ reply, int requestSize, String what) {
        if (reply.getType() == IQ.Type.error) {
            PacketError error = reply.getError();
            assertThat(error.getCondition()).as("a documented condition: %s", what).isIn(DOCUMENTED);
            boolean modify = error.getCondition() == PacketError.Condition.bad_request
                    || error.getCondition() == PacketError.Condition.not_acceptable;
            assertThat(error.getType()).as(what).isEqualTo(modify ? PacketError.Type.modify : PacketError.Type.cancel);
            if (error.getCondition() != PacketError.Condition.service_unavailable) {
                assertThat(error.getText()).as("the text says what to fix: %s", what).isNotBlank();
            }
            assertThat(reply.toXML().length()).as("an error no bigger than the request and a bit: %s", what)
                    .isLessThan(requestSize + 8_192);
            return error.getCondition().toXMPP();
        }
        assertThat(reply.getType()).as(what).isEqualTo(IQ.Type.result);
        Element payload = reply.getChildElement();
        if (payload.getNamespaceURI().equals(NS)) {
            assertThat(payload.getName()).as(what).isEqualTo("meeting");
            assertThat(new JID(payload.attributeValue("jid")).getDomain()).as(what).isEqualTo("conference.coop.test");
            assertThat(payload.elements("room")).as(what).isNotEmpty();
            assertThat(payload.elements("room").get(0).attributeValue("main")).as(what).isEqualTo("true");
            return "result";
        }
        assertThat(payload.getQName()).as(what).isEqualTo(QName.get("command", COMMANDS));
        String status = payload.attributeValue("status");
        assertThat(status).as(what).isIn("executing", "completed", "canceled");
        if (status.equals("executing")) {
            sessions.add(new String[] {payload.attributeValue("node"), payload.attributeValue("sessionid"),
                reply.getTo().toString()});
        }
        return status;
    }

    /** Memory and store agree, and every meeting is well formed, whatever was asked. */
    private void assertConsistent(String what) {
        Map<JID, MeetingRecord> memory = new HashMap<>();
        f.meetings.all().forEach(m -> memory.put(m.mainRoom(), m));
        assertThat(memory).as("memory and store agree: %s", what).isEqualTo(f.store.rows);
        for (MeetingRecord m : memory.values()) {
            assertThat(m.openRooms().size()).as(what).isLessThanOrEqualTo(f.config.maxRooms());
            assertThat(m.openRooms()).extracting(r -> r.name().toLowerCase(Locale.ROOT)).as(what)
                    .doesNotHaveDuplicates();
            assertThat(m.rooms()).extracting(r -> r.room().getDomain()).as(what).containsOnly(HOST);
        }
    }

    private State state() {
        Map<JID, MeetingRecord> memory = new HashMap<>();
        f.meetings.all().forEach(m -> memory.put(m.mainRoom(), m));
        Set<String> roster = new TreeSet<>();
        for (JID main : MAINS) {
            for (JID person : PEOPLE) {
                if (f.roster.recentlyIn(main, person)) {
                    roster.add(main.toBareJID() + " " + person.toBareJID());
                }
            }
        }
        return new State(memory, new HashMap<>(f.store.rows), f.store.writes, roster);
    }

    /** Between requests: people come and go, Prosody answers differently, time passes. */
    private void meanwhile() {
        if (hostile.chance(6)) {
            f.driver.answer = hostile.pick(MucDriver.Result.DONE, MucDriver.Result.DONE, MucDriver.Result.NOT_FOUND,
                    MucDriver.Result.FAILED);
        }
        if (hostile.chance(8)) {
            List<JID> rooms = new ArrayList<>(List.of(MAIN));
            f.meetings.byMain(MAIN).ifPresent(m -> m.rooms().forEach(r -> rooms.add(r.room())));
            JID room = rooms.get(random.nextInt(rooms.size()));
            JID who = hostile.pick(BOB, CAROL, DAVE, BreakoutFixture.FOCUS);
            if (hostile.chance(50)) {
                f.occupancy.enter(room, who);
            } else {
                f.occupancy.leave(room, who);
            }
        }
        if (hostile.chance(3)) {
            f.clock.advance(Duration.ofSeconds(random.nextInt(1200)));
            f.housekeeper.tick();
            sessions.clear(); // some have expired: resume only newer ones
        }
    }

    private JID actor() {
        return hostile.chance(45) ? ALICE : hostile.pick(OTHERS);
    }

    /** A urn:warden:breakout:1 request, mostly one of the six, with attributes from the meeting's state and junk. */
    private IQ breakoutIq() {
        String element = hostile.chance(94) ? hostile.pick("create", "create", "rename", "assign", "assign", "close",
                "set-duration", "status", "status") : hostile.pick("create-room", "destroy-room", "meeting", "CREATE");
        boolean get = element.equals("status") ? hostile.chance(92) : hostile.chance(4);
        IQ iq = new IQ(get ? IQ.Type.get : IQ.Type.set);
        iq.setID("b" + random.nextInt(1_000_000));
        iq.setFrom(actor());
        iq.setTo(new JID("warden.coop.test"));
        Element child = iq.setChildElement(element, hostile.chance(96) ? NS
                : hostile.pick("", "urn:warden:breakout:2", "urn:warden:muc:1"));
        if (!hostile.chance(4)) {
            child.addAttribute("meeting", meeting());
        }
        switch (element) {
            case "create" -> {
                if (hostile.chance(55)) {
                    child.addAttribute("count", count());
                }
                if (hostile.chance(50)) {
                    for (int k = 1 + hostile.upTo(hostile.chance(5) ? 8 : 2); k > 0; k--) {
                        Element room = child.addElement(QName.get("room", hostile.chance(95) ? NS : "urn:x-junk"));
                        if (!hostile.chance(5)) {
                            room.addAttribute("name", name());
                        }
                    }
                }
                if (hostile.chance(40)) {
                    child.addAttribute("duration", seconds());
                }
            }
            case "rename" -> {
                optional(child, "room", roomRef());
                optional(child, "name", name());
            }
            case "assign" -> {
                optional(child, "participant", participant());
                optional(child, "room", roomRef());
            }
            case "close" -> {
                if (hostile.chance(50)) {
                    child.addAttribute("room", hostile.chance(10) ? "" : roomRef());
                }
            }
            case "set-duration" -> optional(child, "seconds", seconds());
            default -> { }
        }
        for (int j = hostile.upTo(2); j > 0 && hostile.chance(10); j--) {
            child.add(hostile.junk(1));
        }
        return iq;
    }

    private void optional(Element e, String attribute, String value) {
        if (!hostile.chance(5)) {
            e.addAttribute(attribute, value);
        }
    }

    /** A XEP-0050 request: a new session, or a submission (or cancel) in one the handler opened. */
    private IQ command() {
        IQ iq = new IQ(hostile.chance(95) ? IQ.Type.set : IQ.Type.get);
        iq.setID("c" + random.nextInt(1_000_000));
        boolean resume = !sessions.isEmpty() && hostile.chance(55);
        String[] session = resume ? sessions.get(random.nextInt(sessions.size())) : null;
        resumed = session;
        iq.setFrom(session != null && hostile.chance(92) ? new JID(session[2]) : actor());
        iq.setTo(new JID("warden.coop.test"));
        if (hostile.chance(3)) {
            iq.setChildElement(hostile.junk(0));
            return iq;
        }
        Element cmd = iq.setChildElement("command", hostile.chance(97) ? COMMANDS : "urn:x-junk");
        String node = session != null && hostile.chance(92) ? session[0] : hostile.chance(88)
                ? hostile.pick(NODES.toArray(new String[0]))
                : hostile.pick("warden#set-room-cap", "warden#breakout-", "WARDEN#BREAKOUT-OPEN", "", hostile.text());
        if (!hostile.chance(3)) {
            cmd.addAttribute("node", node);
        }
        if (session != null) {
            cmd.addAttribute("action", hostile.chance(70) ? "complete"
                    : hostile.pick("execute", "cancel", "next", "prev", "Complete", "bogus"));
            cmd.addAttribute("sessionid", hostile.chance(93) ? session[1] : hostile.text());
            if (!hostile.chance(5)) {
                form(cmd, node);
            }
        } else {
            if (hostile.chance(70)) {
                cmd.addAttribute("action", hostile.pick("execute", "execute", "execute", "cancel", "complete",
                        hostile.text()));
            }
            if (hostile.chance(8)) {
                cmd.addAttribute("sessionid", hostile.pick("", hostile.text(), "00000000-0000-0000-0000-000000000000"));
            }
        }
        for (int j = hostile.upTo(2); j > 0 && hostile.chance(10); j--) {
            cmd.add(hostile.junk(1));
        }
        return iq;
    }

    /** Mostly a submission with the node's fields, filled from the meeting's state; sometimes mangled. */
    private void form(Element cmd, String node) {
        Element x = cmd.addElement(QName.get("x", hostile.chance(96) ? DATA : "urn:x-junk"));
        if (!hostile.chance(4)) {
            x.addAttribute("type", hostile.chance(90) ? "submit"
                    : hostile.pick("cancel", "form", "SUBMIT", "", "result"));
        }
        List<String> vars = new ArrayList<>(FIELDS.getOrDefault(node, List.of("meeting")));
        if (hostile.chance(15)) {
            vars.add(hostile.pick("count", "names", "duration", "participant", "room", "name", "FORM_TYPE", "junk"));
        }
        for (String var : vars) {
            if (hostile.chance(4)) {
                continue;
            }
            Element field = x.addElement(QName.get("field", DATA));
            if (!hostile.chance(3)) {
                field.addAttribute("var", var);
            }
            int values = var.equals("names") ? hostile.upTo(hostile.chance(5) ? 8 : 3) : hostile.chance(5) ? 0 : 1;
            for (int v = 0; v < values; v++) {
                Element value = field.addElement(QName.get("value", DATA));
                value.setText(value(var));
                if (hostile.chance(2)) {
                    value.add(hostile.junk(2));
                }
            }
        }
        if (hostile.chance(3)) {
            cmd.add(x.createCopy());
        }
    }

    private String value(String var) {
        if (hostile.chance(5)) {
            return hostile.text();
        }
        return switch (var) {
            case "meeting" -> meeting();
            case "count" -> count();
            case "names" -> hostile.chance(15) ? name() + "\n" + name() : name();
            case "duration" -> hostile.pick("15", "1", "90 s", "1 h", "25 h", "1440", "1441", "none", "0", "", "5 min",
                    "fifteen", "-3", "٣", "1000000");
            case "participant" -> participant();
            case "room" -> roomRef();
            case "name" -> name();
            default -> hostile.text();
        };
    }

    private String meeting() {
        if (hostile.chance(65)) {
            return MAIN.toBareJID();
        }
        return switch (random.nextInt(10)) {
            case 0, 1 -> R1.toBareJID();
            case 2, 3 -> LONG.toBareJID();
            case 4 -> hostile.pick(" standup@conference.coop.test ", "STANDUP@Conference.Coop.Test",
                    "standup@conference.coop.test/alice", "standup@other.test", "standup-1@breakout.coop.test",
                    "conference.coop.test", "@conference.coop.test");
            default -> hostile.roomish();
        };
    }

    private String count() {
        return hostile.pick("1", "1", "2", "3", "4", "5", "0", "-1", " 2 ", "+1", "٣", "two", "2.0",
                "99999999999", hostile.text());
    }

    private String seconds() {
        return hostile.pick("300", "60", "1", "0", "86400", "86401", "-5", " 30 ", "1e3", "2147483648", hostile.text());
    }

    private String name() {
        return hostile.pick("Design", "Ops", "design", "Breakout room 2", "Q&A ☃", "  Ops  ", "x".repeat(100),
                "x".repeat(101), "a\nb", "tab\there", "", hostile.text());
    }

    /** A room of the meeting by number, name or JID (in any case), the main room, or junk. */
    private String roomRef() {
        List<BreakoutRoomRecord> rooms = f.meetings.byMain(MAIN).map(MeetingRecord::rooms).orElse(List.of());
        if (!rooms.isEmpty() && hostile.chance(70)) {
            BreakoutRoomRecord r = rooms.get(random.nextInt(rooms.size()));
            return switch (random.nextInt(4)) {
                case 0 -> Integer.toString(r.position());
                case 1 -> r.name().toUpperCase(Locale.ROOT);
                case 2 -> r.room().toBareJID();
                default -> r.name();
            };
        }
        return hostile.pick("1", "2", "main", "Main", MAIN.toBareJID(), "standup-1@breakout.coop.test", "Design", "9",
                hostile.text());
    }

    private String participant() {
        return hostile.pick("bob", "Bob", "carol", "dave", "alice", "bob@coop.test", "carol@coop.test/web",
                "dave@coop.test", "focus", "nobody", hostile.personish(), hostile.text());
    }
}
