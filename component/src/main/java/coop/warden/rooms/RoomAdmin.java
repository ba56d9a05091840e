// What admin commands may read and change about rooms and caps.
package coop.warden.rooms;

import coop.warden.store.Cap;
import coop.warden.store.CapUpdate;
import coop.warden.store.ChangeLogEntry;
import coop.warden.store.PolicyStore;
import coop.warden.xmpp.Jids;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.xmpp.packet.JID;

/**
 * The admin-facing API of the rooms module. Changes go to the store, which records them in the
 * change log in the same transaction; a lowered cap removes nobody, it only refuses new joins.
 */
public final class RoomAdmin {
    private final Set<JID> hosts;
    private final PolicyStore store;
    private final CapPolicy caps;
    private final RoomLedger ledger;

    RoomAdmin(Set<JID> hosts, PolicyStore store, CapPolicy caps, RoomLedger ledger) {
        this.hosts = Set.copyOf(hosts);
        this.store = Objects.requireNonNull(store);
        this.caps = Objects.requireNonNull(caps);
        this.ledger = Objects.requireNonNull(ledger);
    }

    /** The MUC hosts Warden decides for, sorted, e.g. for form instructions. */
    public List<String> mucHosts() {
        return hosts.stream().map(JID::getDomain).sorted().collect(Collectors.toList());
    }

    /**
     * Parses an admin's room JID input.
     *
     * @throws IllegalArgumentException with a message for the admin when it is not a room on a
     *     configured MUC host
     */
    public JID parseRoom(String text) {
        String t = text == null ? "" : text.strip();
        String example = "meeting@" + mucHosts().stream().findFirst().orElse("conference.example.org");
        if (t.isEmpty()) {
            throw new IllegalArgumentException("Give a room's JID, such as " + example + ".");
        }
        JID jid;
        try {
            jid = Jids.parse(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("“" + t + "” is not a valid room JID; give one such as " + example + ".");
        }
        if (jid.getNode() == null) {
            throw new IllegalArgumentException("“" + t + "” has no room name; give room@host, such as " + example + ".");
        }
        if (jid.getResource() != null) {
            throw new IllegalArgumentException("“" + t + "” names a person in a room; give the room's JID without"
                    + " “/" + jid.getResource() + "”.");
        }
        if (!hosts.contains(new JID(jid.getDomain()))) {
            throw new IllegalArgumentException("“" + jid.getDomain() + "” is not a MUC host Warden manages (" + String.join(", ",
                    mucHosts()) + ").");
        }
        return jid;
    }

    public CapUpdate setRoomCap(JID room, Cap cap, JID actor) {
        return store.setRoomCap(checked(room), Optional.of(cap), actor);
    }

    public CapUpdate clearRoomCap(JID room, JID actor) {
        return store.setRoomCap(checked(room), Optional.empty(), actor);
    }

    /** Sets the run-time default cap, or (empty) goes back to the configured one. */
    public CapUpdate setDefaultCap(Optional<Cap> cap, JID actor) {
        return store.setDefaultCap(cap, actor);
    }

    public DefaultCapView defaultCap() {
        return new DefaultCapView(caps.configuredDefault(), store.defaultCap(), caps.deploymentDefault());
    }

    public RoomView room(JID room) {
        List<Seat> seats = ledger.seats(room).orElse(List.of());
        int count = (int) seats.stream().filter(s -> s.kind().counts()).count();
        return new RoomView(room, store.roomCap(room), caps.forRoom(room), count, seats);
    }

    /** Every room with a cap of its own or anyone in it, sorted by JID. */
    public List<RoomView> rooms() {
        Set<JID> all = new TreeSet<>(store.roomCaps().keySet());
        all.addAll(ledger.rooms());
        List<RoomView> views = new ArrayList<>();
        for (JID room : all) {
            RoomView v = room(room);
            if (v.ownCap().isPresent() || !v.occupants().isEmpty()) {
                views.add(v);
            }
        }
        return views;
    }

    public List<ChangeLogEntry> recentChanges(int limit) {
        return store.recentChanges(limit);
    }

    private JID checked(JID room) {
        if (room.getNode() == null || room.getResource() != null || !hosts.contains(new JID(room.getDomain()))) {
            throw new IllegalArgumentException("not a room on a managed MUC host: " + room);
        }
        return room;
    }
}
