// A web client's view of Warden's breakout API (urn:warden:breakout:1) and of XEP-0249 invitations, with Smack.
package coop.warden.it;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.StanzaExtensionFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.IQProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.parsing.StandardExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jivesoftware.smackx.muc.packet.GroupChatInvitation;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/** Requests a moderator's web client sends, and what it reads back. */
final class Breakout {
    static final String NS = "urn:warden:breakout:1";
    static final String HOST = "breakout.coop.test";

    static {
        ProviderManager.addIQProvider("meeting", NS, new IQProvider<MeetingIq>() {
            @Override
            public MeetingIq parse(XmlPullParser parser, int depth, XmlEnvironment env)
                    throws XmlPullParserException, IOException {
                return new MeetingIq(StandardExtensionElementProvider.INSTANCE.parse(parser, depth, env));
            }
        });
    }

    private Breakout() {
    }

    /** One room of the meeting as the status lists it; {@code present}: bare JIDs of who is in it. */
    record Room(String jid, String name, boolean main, boolean closing, List<String> present) {
        EntityBareJid bareJid() {
            return JidCreate.entityBareFromOrThrowUnchecked(jid);
        }
    }

    /** The {@code <meeting/>} answer: rooms (the main room first), assignments (bare JID → room), deadline. */
    record Status(String meeting, Optional<String> deadline, List<Room> rooms, Map<String, String> assignments,
                  Map<String, Boolean> assignedPresent) {
        List<Room> breakoutRooms() {
            return rooms.stream().filter(r -> !r.main()).toList();
        }

        Room room(int number) {
            return breakoutRooms().get(number - 1);
        }

        Room main() {
            return rooms.get(0);
        }

        /** Smack answers null rather than an empty list when there are none. */
        private static List<StandardExtensionElement> children(StandardExtensionElement e, String name) {
            List<StandardExtensionElement> found = e.getElements(name, NS);
            return found == null ? List.of() : found;
        }

        static Status of(StandardExtensionElement e) {
            List<Room> rooms = new ArrayList<>();
            for (StandardExtensionElement r : children(e, "room")) {
                List<String> present = new ArrayList<>();
                for (StandardExtensionElement o : children(r, "occupant")) {
                    present.add(o.getAttributeValue("jid").replaceFirst("/.*", ""));
                }
                rooms.add(new Room(r.getAttributeValue("jid"), r.getAttributeValue("name"),
                        "true".equals(r.getAttributeValue("main")), "true".equals(r.getAttributeValue("closing")),
                        present));
            }
            Map<String, String> assignments = new LinkedHashMap<>();
            Map<String, Boolean> there = new LinkedHashMap<>();
            for (StandardExtensionElement a : children(e, "assignment")) {
                assignments.put(a.getAttributeValue("participant"), a.getAttributeValue("room"));
                there.put(a.getAttributeValue("participant"), "true".equals(a.getAttributeValue("present")));
            }
            return new Status(e.getAttributeValue("jid"), Optional.ofNullable(e.getAttributeValue("deadline")), rooms,
                    assignments, there);
        }
    }

    /** The component's answer. */
    static final class MeetingIq extends IQ {
        final StandardExtensionElement meeting;

        MeetingIq(StandardExtensionElement meeting) {
            super("meeting", NS);
            this.meeting = meeting;
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            xml.setEmptyElement();
            return xml;
        }
    }

    /** A request: {@code <element xmlns='urn:warden:breakout:1' attrs…><room name=…/>…</element>}. */
    static final class Request extends IQ {
        private final Map<String, String> attributes;
        private final List<String> names;

        Request(String element, Type type, Map<String, String> attributes, List<String> names) {
            super(element, NS);
            setType(type);
            setTo(JidCreate.domainBareFromOrThrowUnchecked(Stack.COMPONENT));
            this.attributes = attributes;
            this.names = names;
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            attributes.forEach(xml::attribute);
            if (names.isEmpty()) {
                xml.setEmptyElement();
                return xml;
            }
            xml.rightAngleBracket();
            for (String name : names) {
                xml.halfOpenElement("room").attribute("name", name).closeEmptyElement();
            }
            return xml;
        }
    }

    /**
     * Sends a request and returns the status it is answered with.
     *
     * @throws org.jivesoftware.smack.XMPPException.XMPPErrorException when Warden refuses
     */
    static Status send(XMPPConnection c, String element, IQ.Type type, Map<String, String> attributes,
                       List<String> names) throws Exception {
        IQ answer = c.sendIqRequestAndWaitForResponse(new Request(element, type, attributes, names));
        return Status.of(((MeetingIq) answer).meeting);
    }

    static Status open(XMPPConnection c, Object meeting, int count, Integer seconds) throws Exception {
        Map<String, String> a = new LinkedHashMap<>(Map.of("meeting", meeting.toString(), "count", Integer.toString(count)));
        if (seconds != null) {
            a.put("duration", seconds.toString());
        }
        return send(c, "create", IQ.Type.set, a, List.of());
    }

    static Status openNamed(XMPPConnection c, Object meeting, List<String> names) throws Exception {
        return send(c, "create", IQ.Type.set, Map.of("meeting", meeting.toString()), names);
    }

    static Status status(XMPPConnection c, Object meeting) throws Exception {
        return send(c, "status", IQ.Type.get, Map.of("meeting", meeting.toString()), List.of());
    }

    static Status assign(XMPPConnection c, Object meeting, String participant, String room) throws Exception {
        return send(c, "assign", IQ.Type.set, Map.of("meeting", meeting.toString(), "participant", participant,
                "room", room), List.of());
    }

    static Status rename(XMPPConnection c, Object meeting, String room, String name) throws Exception {
        return send(c, "rename", IQ.Type.set, Map.of("meeting", meeting.toString(), "room", room, "name", name),
                List.of());
    }

    /** Closes {@code room}, or every room when it is null. */
    static Status close(XMPPConnection c, Object meeting, String room) throws Exception {
        Map<String, String> a = new LinkedHashMap<>(Map.of("meeting", meeting.toString()));
        if (room != null) {
            a.put("room", room);
        }
        return send(c, "close", IQ.Type.set, a, List.of());
    }

    /** The XEP-0249 invitations one client receives, in order. */
    static final class Invitations implements AutoCloseable {
        private final StanzaCollector collector;

        Invitations(XMPPConnection c) {
            this.collector = c.createStanzaCollector(new AndFilter(StanzaTypeFilter.MESSAGE,
                    new StanzaExtensionFilter(GroupChatInvitation.ELEMENT, GroupChatInvitation.NAMESPACE)));
        }

        /** The room of the next invitation, or null when none comes within {@code limit}. */
        String next(Duration limit) throws InterruptedException {
            Stanza s = collector.nextResult(limit.toMillis());
            return s == null ? null : GroupChatInvitation.from(s).getRoomAddress();
        }

        @Override
        public void close() {
            collector.cancel();
        }
    }
}
