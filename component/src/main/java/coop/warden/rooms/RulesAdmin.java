// What admin commands may read and change about moderator rules.
package coop.warden.rooms;

import coop.warden.store.Change;
import coop.warden.store.PolicyStore;
import coop.warden.store.RuleSet;
import coop.warden.xmpp.Jids;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.xmpp.packet.JID;

/**
 * The admin-facing API of moderator rules. Changes go to the store (with their change-log row)
 * and take effect at once for the members in the affected rooms: each member whose affiliation
 * the change alters is told to the MUC host, so nobody has to leave and rejoin.
 */
public final class RulesAdmin {
    /** More moderators than this in one room is a paste gone wrong, not a list. */
    public static final int MAX_MODERATORS = 500;

    private final RoomAdmin rooms;
    private final PolicyStore store;
    private final ModeratorRules rules;
    private final RoomLedger ledger;
    private final RoomOwners.Affiliator affiliator;

    RulesAdmin(RoomAdmin rooms, PolicyStore store, ModeratorRules rules, RoomLedger ledger,
               RoomOwners.Affiliator affiliator) {
        this.rooms = Objects.requireNonNull(rooms);
        this.store = Objects.requireNonNull(store);
        this.rules = Objects.requireNonNull(rules);
        this.ledger = Objects.requireNonNull(ledger);
        this.affiliator = Objects.requireNonNull(affiliator);
    }

    /** See {@link RoomAdmin#parseRoom}. */
    public JID parseRoom(String text) {
        return rooms.parseRoom(text);
    }

    public List<String> mucHosts() {
        return rooms.mucHosts();
    }

    /**
     * Parses one entry of a moderator list: a member's bare JID.
     *
     * @throws IllegalArgumentException with a message for the admin otherwise
     */
    public JID parseMember(String text) {
        String t = text == null ? "" : text.strip();
        JID jid;
        try {
            jid = Jids.parse(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("“" + t + "” is not a valid JID; give a member's address, such as "
                    + example() + ".");
        }
        if (jid.getNode() == null || jid.getResource() != null) {
            throw new IllegalArgumentException("“" + t + "” is not a member's bare address; give one such as "
                    + example() + ", without “/resource”.");
        }
        Standing s = rules.standing(jid);
        if (s != Standing.MEMBER && s != Standing.ADMIN) {
            throw new IllegalArgumentException("“" + t + "” is not a member of the co-op (a " + s.label()
                    + "); only members can moderate. Members' accounts are on "
                    + String.join(", ", memberDomains()) + ".");
        }
        return jid;
    }

    public RulesView room(JID room) {
        List<RulesView.Occupant> occupants = new ArrayList<>();
        for (Seat seat : ledger.seats(room).orElse(List.of())) {
            occupants.add(new RulesView.Occupant(seat, rules.standing(seat.occupant()),
                    rules.wouldGrant(room, seat.occupant())));
        }
        Optional<RulesView.Owner> owner = rules.owner(room)
                .map(v -> new RulesView.Owner(v.member(), v.awaySince()));
        return new RulesView(room, store.roomRules(room), rules.forRoom(room), List.copyOf(store.moderators(room)),
                owner, occupants);
    }

    public Change<Optional<RuleSet>> setRoomRules(JID room, Optional<RuleSet> ruleSet, JID actor) {
        return applying(List.of(room), () -> store.setRoomRules(room, ruleSet, actor));
    }

    public Change<Set<JID>> setModerators(JID room, Set<JID> moderators, JID actor) {
        if (moderators.size() > MAX_MODERATORS) {
            throw new IllegalArgumentException("at most " + MAX_MODERATORS + " moderators per room");
        }
        return applying(List.of(room), () -> store.setModerators(room, moderators, actor));
    }

    /** Sets the run-time default rule set, or (empty) goes back to the configured one. */
    public Change<Optional<RuleSet>> setDefaultRules(Optional<RuleSet> ruleSet, JID actor) {
        List<JID> following = ledger.rooms().stream().filter(r -> store.roomRules(r).isEmpty()).toList();
        return applying(following, () -> store.setDefaultRules(ruleSet, actor));
    }

    public DefaultRulesView defaultRules() {
        return new DefaultRulesView(rules.configuredDefault(), store.defaultRules(), rules.deploymentDefault());
    }

    /** Runs {@code change}, then tells the MUC hosts about every member in {@code affected} whose grant moved. */
    private <T> T applying(List<JID> affected, Supplier<T> change) {
        Map<JID, Map<JID, Grant>> before = new HashMap<>();
        affected.forEach(room -> before.put(room, memberGrants(room)));
        T result = change.get();
        for (JID room : affected) {
            rules.adoptOwner(room);
            Map<JID, Grant> was = before.get(room);
            memberGrants(room).forEach((member, grant) -> {
                if (grant != was.get(member)) {
                    affiliator.affiliate(room, member, grant);
                }
            });
        }
        return result;
    }

    /** The members in {@code room} (joined, not still joining) and what the rules give each. */
    private Map<JID, Grant> memberGrants(JID room) {
        Map<JID, Grant> grants = new HashMap<>();
        for (Seat seat : ledger.seats(room).orElse(List.of())) {
            if (!seat.isReservation() && rules.standing(seat.occupant()) == Standing.MEMBER) {
                grants.put(seat.occupant().asBareJID(), rules.wouldGrant(room, seat.occupant()));
            }
        }
        return grants;
    }

    /** The members' domains, sorted. */
    public List<String> memberDomains() {
        return rules.memberDomains().stream().sorted().toList();
    }

    private String example() {
        return "alice@" + memberDomains().stream().findFirst().orElse("example.org");
    }
}
