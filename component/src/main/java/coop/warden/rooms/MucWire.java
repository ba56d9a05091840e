// The urn:warden:muc:1 wire format (docs/protocol.md): parsing requests and sync answers, building decisions.
package coop.warden.rooms;

import coop.warden.xmpp.ErrorCondition;
import coop.warden.xmpp.IqOutcome;
import coop.warden.xmpp.Jids;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/** Element names and attributes of Warden's MUC protocol, in one place. */
final class MucWire {
    static final String NAMESPACE = "urn:warden:muc:1";
    static final String DECISION = "decision";
    static final String FULL = "full";
    static final String SYNC = "sync";
    static final String AFFILIATE = "affiliate";
    private static final Logger log = LoggerFactory.getLogger(MucWire.class);

    private MucWire() {}

    /** A request that will not be acted on, with the error to answer. */
    static final class InvalidRequest extends Exception {
        private final transient IqOutcome.Failure failure;

        InvalidRequest(ErrorCondition condition, String text) {
            super(text, null, false, false);
            this.failure = new IqOutcome.Failure(condition, text, null);
        }

        IqOutcome.Failure failure() {
            return failure;
        }
    }

    /** Checks {@code from} and the attributes; nothing is changed before this passes. */
    static MucRequest parse(IQ iq, MucRequest.Kind kind, Set<JID> hosts) throws InvalidRequest {
        JID from = iq.getFrom();
        if (from == null || !hosts.contains(from)) {
            throw new InvalidRequest(ErrorCondition.FORBIDDEN, "Only Warden's MUC hosts may send this.");
        }
        Element child = iq.getChildElement();
        JID room = jid(child, "room", true);
        if (room.getNode() == null || room.getResource() != null) {
            throw bad("room '" + room + "' is not a room's bare JID (room@" + from.getDomain() + ").");
        }
        if (!room.getDomain().equals(from.getDomain())) {
            throw bad("room '" + room + "' is not on " + from.getDomain() + ", which sent the request.");
        }
        JID occupant = kind.needsOccupant() ? jid(child, "occupant", true) : null;
        JID nick = kind.allowsNick() ? jid(child, "nick", kind.needsNick()) : null;
        if (nick != null && (nick.getResource() == null || !nick.asBareJID().equals(room))) {
            throw bad("nick '" + nick + "' is not an in-room JID of " + room + " (" + room + "/Nick).");
        }
        boolean emptied = kind == MucRequest.Kind.DESTROYED && "true".equals(child.attributeValue("emptied"));
        return new MucRequest(kind, from, room, occupant, nick, emptied);
    }

    private static JID jid(Element child, String attribute, boolean required) throws InvalidRequest {
        String value = child.attributeValue(attribute);
        if (value == null || value.isBlank()) {
            if (required) {
                throw bad("The '" + attribute + "' attribute is missing.");
            }
            return null;
        }
        try {
            return Jids.parse(value);
        } catch (IllegalArgumentException e) {
            throw bad("'" + attribute + "' is not a valid JID: '" + value + "'.");
        }
    }

    private static InvalidRequest bad(String text) {
        return new InvalidRequest(ErrorCondition.BAD_REQUEST, text);
    }

    static Element decision(Decision decision) {
        Element e = DocumentHelper.createElement(QName.get(DECISION, NAMESPACE));
        if (decision instanceof Decision.Refused r) {
            e.addAttribute("allow", "false");
            e.addAttribute("error-type", r.error().type().toXMPP());
            e.addAttribute("condition", r.error().wireName());
            e.addElement(QName.get("text", NAMESPACE)).setText(r.text());
            if (r.full() != null) {
                e.addElement(QName.get(FULL, NAMESPACE))
                        .addAttribute("cap", Integer.toString(r.full().cap()))
                        .addAttribute("count", Integer.toString(r.full().count()));
            }
        } else {
            e.addAttribute("allow", "true");
            Grant grant = ((Decision.Allowed) decision).grant();
            if (grant != null) {
                e.addAttribute("affiliation", grant.affiliation());
                e.addAttribute("role", grant.role());
            }
        }
        return e;
    }

    /** Component → MUC host: give {@code member} (a bare JID) {@code grant}'s affiliation in {@code room}. */
    static IQ affiliateRequest(JID room, JID member, Grant grant) {
        IQ iq = new IQ(IQ.Type.set);
        iq.setTo(new JID(room.getDomain()));
        iq.setChildElement(AFFILIATE, NAMESPACE)
                .addAttribute("room", room.toBareJID())
                .addAttribute("jid", member.toBareJID())
                .addAttribute("affiliation", grant.affiliation());
        return iq;
    }

    static IQ syncRequest(JID host) {
        IQ iq = new IQ(IQ.Type.get);
        iq.setTo(host);
        iq.setChildElement(SYNC, NAMESPACE);
        return iq;
    }

    /**
     * Reads a sync answer into room → (occupant → nick). Entries that are not valid, or rooms not
     * on {@code host}, are skipped with a warning.
     *
     * @throws IllegalArgumentException when the answer is not from {@code host}, is an error, or
     *     holds no sync element
     */
    static Map<JID, Map<JID, JID>> parseSync(IQ answer, JID host) {
        // Answers are matched by id only; anyone could send a result with a guessed id.
        if (!host.equals(answer.getFrom())) {
            throw new IllegalArgumentException("a sync answer for " + host + " came from " + answer.getFrom());
        }
        if (answer.getType() != IQ.Type.result) {
            String condition = answer.getError() == null ? "no error condition"
                    : answer.getError().getCondition().toXMPP();
            throw new IllegalArgumentException(host + " answered sync with " + answer.getType() + " (" + condition + ")");
        }
        Element sync = answer.getChildElement();
        if (sync == null || !SYNC.equals(sync.getName()) || !NAMESPACE.equals(sync.getNamespaceURI())) {
            throw new IllegalArgumentException(host + " answered sync without a <sync/> element");
        }
        Map<JID, Map<JID, JID>> rooms = new LinkedHashMap<>();
        for (Element r : sync.elements("room")) {
            JID room = quietJid(r.attributeValue("jid"));
            if (room == null || room.getNode() == null || room.getResource() != null
                    || !room.getDomain().equals(host.getDomain())) {
                log.warn("sync from {}: skipping room '{}': not a room on that host", host, r.attributeValue("jid"));
                continue;
            }
            Map<JID, JID> occupants = rooms.computeIfAbsent(room, k -> new LinkedHashMap<>());
            for (Element o : r.elements("occupant")) {
                JID occupant = quietJid(o.attributeValue("jid"));
                if (occupant == null) {
                    log.warn("sync from {}: skipping an occupant of {} with JID '{}'", host, room, o.attributeValue("jid"));
                    continue;
                }
                occupants.put(occupant, quietJid(o.attributeValue("nick")));
            }
        }
        return rooms;
    }

    /**
     * The bare JIDs each room's sync answer lists with {@code affiliation='owner'} (room → owners).
     * Call after {@link #parseSync} accepted the answer; what it skipped is skipped here too.
     */
    static Map<JID, Set<JID>> syncOwners(IQ answer) {
        Map<JID, Set<JID>> owners = new LinkedHashMap<>();
        for (Element r : answer.getChildElement().elements("room")) {
            JID room = quietJid(r.attributeValue("jid"));
            if (room == null || room.getNode() == null || !room.getDomain().equals(answer.getFrom().getDomain())) {
                continue;
            }
            Set<JID> inRoom = owners.computeIfAbsent(room, k -> new LinkedHashSet<>());
            for (Element o : r.elements("occupant")) {
                JID occupant = quietJid(o.attributeValue("jid"));
                if (occupant != null && "owner".equals(o.attributeValue("affiliation"))) {
                    inRoom.add(occupant.asBareJID());
                }
            }
        }
        return owners;
    }

    private static JID quietJid(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Jids.parse(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
