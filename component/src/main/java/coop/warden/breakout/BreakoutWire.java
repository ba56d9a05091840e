// The urn:warden:breakout:1 wire format (docs/protocol.md): requests to MUC hosts, invitations, the meeting status.
package coop.warden.breakout;

import coop.warden.rooms.Seat;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/** Element and attribute names of Warden's breakout protocol, in one place. */
final class BreakoutWire {
    static final String NAMESPACE = "urn:warden:breakout:1";
    static final String CONFERENCE = "jabber:x:conference";
    static final String MEETING = "meeting";

    private BreakoutWire() {}

    static IQ createRoom(JID room, String name) {
        IQ iq = toHost(room, "create-room");
        iq.getChildElement().addAttribute("name", name);
        return iq;
    }

    static IQ renameRoom(JID room, String name) {
        IQ iq = toHost(room, "rename-room");
        iq.getChildElement().addAttribute("name", name);
        return iq;
    }

    static IQ destroyRoom(JID room, String reason, JID alternate) {
        IQ iq = toHost(room, "destroy-room");
        iq.getChildElement().addAttribute("reason", reason);
        if (alternate != null) {
            iq.getChildElement().addAttribute("alternate", alternate.toBareJID());
        }
        return iq;
    }

    private static IQ toHost(JID room, String element) {
        IQ iq = new IQ(IQ.Type.set);
        iq.setTo(new JID(room.getDomain()));
        iq.setChildElement(element, NAMESPACE).addAttribute("room", room.toBareJID());
        return iq;
    }

    /** XEP-0249, with a body for clients that do not know it. */
    static Message invitation(JID to, JID room, String reason) {
        Message m = new Message();
        m.setTo(to);
        m.setType(Message.Type.normal);
        m.setBody(reason + " xmpp:" + room.toBareJID() + "?join");
        m.getElement().addElement(QName.get("x", CONFERENCE))
                .addAttribute("jid", room.toBareJID())
                .addAttribute("reason", reason);
        return m;
    }

    /** {@code <meeting/>}: the answer to every breakout request from a moderator. */
    static Element status(MeetingStatus s) {
        Element e = DocumentHelper.createElement(QName.get(MEETING, NAMESPACE));
        e.addAttribute("jid", s.mainRoom().toBareJID());
        s.deadline().ifPresent(d -> {
            e.addAttribute("deadline", d.toString());
            long left = Math.max(0, Duration.between(s.now(), d).toSeconds());
            e.addAttribute("remaining", Long.toString(left));
        });
        for (MeetingStatus.Room r : s.rooms()) {
            Element room = e.addElement(QName.get("room", NAMESPACE)).addAttribute("jid", r.jid().toBareJID());
            if (r.main()) {
                room.addAttribute("main", "true");
            } else {
                room.addAttribute("name", r.name()).addAttribute("number", Integer.toString(r.number()));
                if (r.closing()) {
                    room.addAttribute("closing", "true");
                }
            }
            for (Seat seat : r.present()) {
                Element o = room.addElement(QName.get("occupant", NAMESPACE))
                        .addAttribute("jid", seat.occupant().toFullJID());
                seat.nickIfKnown().ifPresent(n -> o.addAttribute("nick", n.getResource()));
            }
        }
        for (MeetingStatus.Assignment a : s.assignments()) {
            e.addElement(QName.get("assignment", NAMESPACE))
                    .addAttribute("participant", a.participant().toBareJID())
                    .addAttribute("room", a.room().toBareJID())
                    .addAttribute("present", Boolean.toString(a.present()));
        }
        return e;
    }

    /** The deadline as people read it: "in 4 min 20 s (at 10:30:00Z)". */
    static String describeDeadline(Instant deadline, Instant now) {
        long s = Math.max(0, Duration.between(now, deadline).toSeconds());
        String left = s >= 60 ? (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s") : s + " s";
        return "in " + left + " (at " + deadline.truncatedTo(ChronoUnit.SECONDS) + ")";
    }
}
